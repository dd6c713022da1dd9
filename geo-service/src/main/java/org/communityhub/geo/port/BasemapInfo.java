package org.communityhub.geo.port;

/**
 * What a basemap file says about itself (MBTiles {@code metadata}): its name, tile format, attribution
 * (untrusted text: escape it where shown), the zooms it has tiles for and the area it covers.
 *
 * @param name        display name ({@code name}), never blank
 * @param format      the format of every tile
 * @param attribution the attribution to show with the map ({@code attribution}), possibly empty
 * @param minZoom     the lowest zoom with tiles
 * @param maxZoom     the highest zoom with tiles
 * @param bounds      the area covered ({@code bounds}, WGS-84 or whatever datum the tiles are drawn in), or null: unknown
 */
public record BasemapInfo(String name, TileFormat format, String attribution, int minZoom, int maxZoom,
                          BoundingBox bounds) {

    public BasemapInfo {
        if (minZoom < 0 || maxZoom < minZoom || maxZoom > BasemapTiles.MAX_ZOOM) {
            throw new IllegalArgumentException("zooms must satisfy 0 <= minzoom <= maxzoom <= " + BasemapTiles.MAX_ZOOM
                    + ", not " + minZoom + ".." + maxZoom);
        }
    }
}
