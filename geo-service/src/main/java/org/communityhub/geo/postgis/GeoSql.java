package org.communityhub.geo.postgis;

import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.TileLayer;

/**
 * All SQL of the read side ({@link PostgisGeoQueries}). Distances are geodesic (geography, WGS-84
 * ellipsoid); nearest-first uses the KNN operator on the {@code facility_geog_gist} index.
 */
final class GeoSql {

    private GeoSql() {
    }

    static final String HIERARCHY = """
            SELECT m.code, m.name, c.code, c.name, b.code, b.name
            FROM community m
            LEFT JOIN compound c ON c.community_code = m.code
            LEFT JOIN building b ON b.compound_code = c.code
            ORDER BY m.code, c.code, b.code""";

    /** The extent of all communities ($1 null) or of one; NULLs when there is none. */
    static final String EXTENT = """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(geom) AS e FROM community WHERE ?::text IS NULL OR code = ?::text) x
            """;

    /**
     * Parameters: lon, lat. A point on a shared edge resolves to the first covering feature by code; the
     * grid is one of the located community's grids (none when the point is outside every community).
     */
    static final String LOCATE = """
            WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g),
            b AS (SELECT b.code, b.name, b.compound_code FROM building b, p WHERE ST_Covers(b.geom, p.g)
                  ORDER BY b.code COLLATE "C" LIMIT 1),
            c AS (SELECT c.code, c.name, c.community_code FROM compound c
                  WHERE c.code = (SELECT compound_code FROM b)
                  UNION ALL
                  (SELECT c.code, c.name, c.community_code FROM compound c, p
                   WHERE NOT EXISTS (SELECT 1 FROM b) AND ST_Covers(c.geom, p.g) ORDER BY c.code COLLATE "C" LIMIT 1)),
            m AS (SELECT m.code, m.name FROM community m WHERE m.code = (SELECT community_code FROM c)
                  UNION ALL
                  (SELECT m.code, m.name FROM community m, p
                   WHERE NOT EXISTS (SELECT 1 FROM c) AND ST_Covers(m.geom, p.g) ORDER BY m.code COLLATE "C" LIMIT 1)),
            g AS (SELECT g.code, g.name FROM grid g, p WHERE g.community_code = (SELECT code FROM m)
                  AND ST_Covers(g.geom, p.g) ORDER BY g.code COLLATE "C" LIMIT 1)
            SELECT (SELECT code FROM m), (SELECT name FROM m), (SELECT code FROM c), (SELECT name FROM c),
                   (SELECT code FROM b), (SELECT name FROM b), (SELECT code FROM g), (SELECT name FROM g)""";

    private static final String FACILITY_COLUMNS = """
            f.code, f.name, f.category, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, f.floor, f.community_code,
            f.opening_hours, f.phone,
            ST_Distance(f.geom::geography, q.g) AS distance_m""";

    /**
     * Nearest facilities: KNN candidates from the geography index (sphere distance), re-ranked by the
     * exact ellipsoidal distance. Parameters: lon, lat, [category], [radius], candidates, limit.
     */
    static String nearest(boolean byCategory, boolean withinRadius) {
        return "SELECT * FROM (SELECT " + FACILITY_COLUMNS + "\n"
                + "FROM facility f, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) q\n"
                + "WHERE true" + (byCategory ? " AND f.category = ?" : "")
                + (withinRadius ? " AND ST_DWithin(f.geom::geography, q.g, ?)" : "") + "\n"
                + "ORDER BY f.geom::geography <-> q.g LIMIT ?) k ORDER BY distance_m, code LIMIT ?";
    }

    /** Vertices of every area polygon: {@link #ALL_AREAS} is read only below a bound. */
    static final String COUNT_AREA_VERTICES = """
            SELECT (SELECT coalesce(sum(ST_NPoints(geom)), 0) FROM community)
                 + (SELECT coalesce(sum(ST_NPoints(geom)), 0) FROM compound)
                 + (SELECT coalesce(sum(ST_NPoints(geom)), 0) FROM building)
                 + (SELECT coalesce(sum(ST_NPoints(geom)), 0) FROM grid)""";

    /** Every area polygon as WKB, for the in-memory locate index: level, code, name, parent code, geometry. */
    static final String ALL_AREAS = """
            SELECT 'COMMUNITY', code, name, NULL, ST_AsBinary(geom) FROM community
            UNION ALL SELECT 'COMPOUND', code, name, community_code, ST_AsBinary(geom) FROM compound
            UNION ALL SELECT 'BUILDING', code, name, compound_code, ST_AsBinary(geom) FROM building
            UNION ALL SELECT 'GRID', code, name, community_code, ST_AsBinary(geom) FROM grid""";

    static final String COUNT_FACILITIES = "SELECT count(*) FROM facility";

    /** Every facility, for the in-memory nearest index (distance 0). */
    static final String ALL_FACILITIES = """
            SELECT f.code, f.name, f.category, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, f.floor, f.community_code,
                   f.opening_hours, f.phone, 0::float8 AS distance_m
            FROM facility f""";

    /** Parameters: lon, lat, categories (text[]), radius, per category. */
    static final String NEAREST_OF_EACH = """
            SELECT k.* FROM unnest(?::text[]) AS wanted(category),
                 (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) q0,
            LATERAL (SELECT FACILITY_COLUMNS
                     FROM facility f, (SELECT q0.g) q
                     WHERE f.category = wanted.category AND ST_DWithin(f.geom::geography, q.g, ?)
                     ORDER BY f.geom::geography <-> q.g LIMIT ?) k
            ORDER BY k.distance_m, k.code""".replace("FACILITY_COLUMNS", FACILITY_COLUMNS);

    /** Selected columns of a collection: code, then the properties, then the GeoJSON geometry. */
    static String columns(GeoCollection collection) {
        String properties = switch (collection) {
            case COMMUNITIES -> "name";
            case COMPOUNDS -> "name, community_code AS community";
            case BUILDINGS -> "name, compound_code AS compound, floors";
            case GRIDS -> "name, community_code AS community";
            case FACILITIES -> "name, category, floor, opening_hours, phone, community_code AS community";
        };
        return "code, " + properties + ", ST_AsGeoJSON(geom, 7) AS geometry";
    }

    static String table(GeoCollection collection) {
        return switch (collection) {
            case COMMUNITIES -> "community";
            case COMPOUNDS -> "compound";
            case BUILDINGS -> "building";
            case GRIDS -> "grid";
            case FACILITIES -> "facility";
        };
    }

    private static final String BBOX = "ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))";
    /** Facilities only: one text[] parameter, the categories wanted. */
    private static final String CATEGORIES = "category = ANY(?)";

    private static String where(boolean bbox, boolean categories) {
        if (bbox && categories) {
            return " WHERE " + BBOX + " AND " + CATEGORIES;
        }
        return bbox ? " WHERE " + BBOX : categories ? " WHERE " + CATEGORIES : "";
    }

    /** Matches counted up to a bound (reads at most that many rows). Parameters: [bbox], [categories], bound. */
    static String count(GeoCollection collection, boolean bbox, boolean categories) {
        return "SELECT count(*) FROM (SELECT 1 FROM " + table(collection) + where(bbox, categories) + " LIMIT ?) m";
    }

    /** Parameters: [minLon, minLat, maxLon, maxLat], [categories], limit, offset. */
    static String page(GeoCollection collection, boolean bbox, boolean categories) {
        return "SELECT " + columns(collection) + " FROM " + table(collection) + where(bbox, categories)
                + " ORDER BY code LIMIT ? OFFSET ?";
    }

    static String item(GeoCollection collection) {
        return "SELECT " + columns(collection) + " FROM " + table(collection) + " WHERE code = ?";
    }

    /** Parameters: z, x, y, z, x, y. */
    static String tile(TileLayer layer) {
        String attributes = switch (layer) {
            case BUILDINGS -> "t.code, t.name, t.compound_code AS compound, t.floors";
            case FACILITIES -> "t.code, t.name, t.category, t.floor";
        };
        String table = layer == TileLayer.BUILDINGS ? "building" : "facility";
        return """
                WITH bounds AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,
                                       ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 0.02), 4326) AS env4326)
                SELECT ST_AsMVT(mvt, 'LAYER', 4096, 'geom') FROM (
                    SELECT ATTRIBUTES, ST_AsMVTGeom(ST_Transform(t.geom, 3857), bounds.env, 4096, 64, true) AS geom
                    FROM TABLE t, bounds
                    WHERE t.geom && bounds.env4326
                    ORDER BY t.code) mvt
                WHERE mvt.geom IS NOT NULL"""
                .replace("LAYER", layer.id()).replace("ATTRIBUTES", attributes).replace("TABLE", table);
    }
}
