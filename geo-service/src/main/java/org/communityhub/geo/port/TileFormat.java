package org.communityhub.geo.port;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats of basemap tiles (MBTiles 1.3 {@code format}): the file extension of the tile URLs, the
 * accepted aliases and the Content-Type they are served with. Immutable; every method costs a few
 * comparisons.
 */
public enum TileFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg", "jpeg"),
    WEBP("webp", "image/webp"),
    /** Mapbox vector tiles, usually stored gzipped. */
    PBF("pbf", "application/vnd.mapbox-vector-tile", "mvt");

    private final String extension;
    private final String contentType;
    private final String alias;

    TileFormat(String extension, String contentType) {
        this(extension, contentType, null);
    }

    TileFormat(String extension, String contentType, String alias) {
        this.extension = extension;
        this.contentType = contentType;
        this.alias = alias;
    }

    /** The extension of this format's tile URLs, e.g. {@code png}. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether a tile URL ending in {@code .ext} asks for this format (its extension or alias, any case). */
    public boolean accepts(String ext) {
        String e = ext.toLowerCase(Locale.ROOT);
        return e.equals(extension) || e.equals(alias);
    }

    /** The format an MBTiles {@code format} value names ({@code png}, {@code jpg}/{@code jpeg}, {@code webp}, {@code pbf}). */
    public static Optional<TileFormat> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        for (TileFormat f : values()) {
            if (f.accepts(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format of a tile from its first bytes (PNG, JPEG, WebP signatures; gzip or anything else: none). */
    public static Optional<TileFormat> sniff(byte[] tile) {
        if (tile.length >= 8 && (tile[0] & 0xff) == 0x89 && tile[1] == 'P' && tile[2] == 'N' && tile[3] == 'G') {
            return Optional.of(PNG);
        }
        if (tile.length >= 3 && (tile[0] & 0xff) == 0xff && (tile[1] & 0xff) == 0xd8 && (tile[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (tile.length >= 12 && tile[0] == 'R' && tile[1] == 'I' && tile[2] == 'F' && tile[3] == 'F'
                && tile[8] == 'W' && tile[9] == 'E' && tile[10] == 'B' && tile[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (isGzip(tile)) {
            return Optional.of(PBF);
        }
        return Optional.empty();
    }

    /** Whether {@code bytes} start with the gzip magic number (how MBTiles keep vector tiles). */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }
}
