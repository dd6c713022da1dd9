package org.communityhub.geo.mbtiles;

/**
 * Every SQL statement on an MBTiles file (SQLite, MBTiles 1.3 schema: {@code metadata(name, value)} and
 * {@code tiles(zoom_level, tile_column, tile_row, tile_data)}, a table or a view; rows in TMS order).
 */
final class MbtilesSql {

    /** The two objects every MBTiles file has (tables, or views over a deduplicated schema). */
    static final String OBJECTS = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            + " AND name IN ('tiles', 'metadata')";

    static final String METADATA = "SELECT name, value FROM metadata";

    /** One tile by zoom, column and TMS row (the unique index of a well-formed file answers it). */
    static final String TILE = "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?";

    static final String ANY_TILE = "SELECT tile_data FROM tiles LIMIT 1";

    /** Only when the metadata lacks minzoom/maxzoom. */
    static final String ZOOMS = "SELECT min(zoom_level), max(zoom_level) FROM tiles";

    private MbtilesSql() {
    }
}
