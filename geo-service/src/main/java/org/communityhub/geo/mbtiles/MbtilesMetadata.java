package org.communityhub.geo.mbtiles;

import java.util.Map;
import java.util.Optional;
import org.communityhub.geo.port.BasemapInfo;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.TileFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an MBTiles {@code metadata} table (name → value) into a {@link BasemapInfo}: a missing or unknown
 * {@code format} is an error (unless the first tile's bytes tell it), a bad {@code bounds} is logged and
 * left out. Stateless; thread-safe; costs a few string parses.
 */
final class MbtilesMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(MbtilesMetadata.class);

    private MbtilesMetadata() {
    }

    /**
     * @param values    the metadata rows
     * @param fallbackName the name when the metadata has none (the file's name)
     * @param firstTile any tile's bytes (to tell a format the metadata does not name)
     * @param zooms     the zooms the tiles table has, {min, max} (used when minzoom/maxzoom are missing)
     * @throws IllegalArgumentException with the reason, when the format cannot be known or the zooms are out of range
     */
    static BasemapInfo read(Map<String, String> values, String fallbackName, byte[] firstTile, int[] zooms) {
        String formatText = values.get("format");
        TileFormat format;
        if (formatText != null && !formatText.isBlank()) {
            format = TileFormat.of(formatText).orElseThrow(() -> new IllegalArgumentException("its metadata format '"
                    + formatText.strip() + "' is none of png, jpg, webp, pbf"));
        } else {
            format = TileFormat.sniff(firstTile).orElseThrow(() -> new IllegalArgumentException("its metadata has no"
                    + " format and its tiles are not PNG, JPEG, WebP or gzipped vector tiles"));
        }
        int min = zoom(values.get("minzoom")).orElse(zooms[0]);
        int max = zoom(values.get("maxzoom")).orElse(zooms[1]);
        String name = text(values.get("name"));
        return new BasemapInfo(name.isEmpty() ? fallbackName : name, format, text(values.get("attribution")), min, max,
                bounds(values.get("bounds")));
    }

    /** A {@code minzoom}/{@code maxzoom} value, or empty when absent or not a whole number. */
    static Optional<Integer> zoom(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,2}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text.strip()));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** {@code left,bottom,right,top} in degrees; null (logged) when absent or malformed. */
    static BoundingBox bounds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(",");
        try {
            if (parts.length == 4) {
                return new BoundingBox(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                        Double.parseDouble(parts[2].strip()), Double.parseDouble(parts[3].strip()));
            }
        } catch (IllegalArgumentException ignored) {
            // NumberFormatException included: reported below
        }
        LOG.warn("MBTiles metadata bounds '{}' is not left,bottom,right,top in degrees: ignored", text);
        return null;
    }
}
