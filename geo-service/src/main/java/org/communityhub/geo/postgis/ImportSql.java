package org.communityhub.geo.postgis;

/**
 * All SQL of the import: a session-local staging table, the set-based checks that need the
 * database, and the upserts by code. {@code {parent}} and {@code {only}} are filled in by
 * {@link PostgisImportStore} from constants, never from input.
 */
final class ImportSql {

    private ImportSql() {
    }

    static final String DROP_STAGE = "DROP TABLE IF EXISTS pg_temp.geo_import_stage";

    static final String CREATE_STAGE = """
            CREATE TEMP TABLE geo_import_stage (
                idx integer PRIMARY KEY, layer text NOT NULL, code text NOT NULL, name text NOT NULL,
                parent text, category text, device_type text, building text, compound text,
                floor integer, floors integer, opening_hours text, phone text, geom geometry NOT NULL,
                community_code text, compound_code text, building_code text,
                status text NOT NULL DEFAULT 'pending', kind text, reason text, warning text)""";

    static final String STAGE = """
            INSERT INTO geo_import_stage (idx, layer, code, name, parent, category, device_type, building, compound,
                floor, floors, opening_hours, phone, geom)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))""";

    static final String STAGED_GEOMETRY = "SELECT idx, ST_AsBinary(geom) FROM geo_import_stage";

    static final String RESTAGE_GEOMETRY = "UPDATE geo_import_stage SET geom = ST_GeomFromWKB(?, 4326) WHERE idx = ?";

    static final String REJECT_INVALID = """
            UPDATE geo_import_stage SET status = 'rejected', kind = 'invalid_geometry', reason = ST_IsValidReason(geom)
            WHERE layer = ? AND status = 'pending' AND NOT ST_IsValid(geom)""";

    /** Parameters: parent layer name, layer. */
    static final String REJECT_UNKNOWN_PARENT = """
            UPDATE geo_import_stage s SET status = 'rejected', kind = 'unknown_parent',
                reason = format('%s ''%s'' is neither in the database nor loaded from this file', ?::text, s.parent)
            WHERE s.layer = ? AND s.status = 'pending' AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.code = s.parent)""";

    private static final String FARTHEST_VERTEX = """
            (SELECT round(max(ST_Distance(d.geom::geography, p.geom::geography))::numeric, 2)
             FROM ST_DumpPoints(s.geom) d)""";

    /** Parameters: parent layer name, tolerance, layer, tolerance. */
    static final String WARN_TOLERATED = """
            UPDATE geo_import_stage s SET warning = format(
                '%s %s (feature %s) reaches up to %s m outside %s %s; accepted within the %s m tolerance',
                s.layer, s.code, s.idx, FARTHEST, ?::text, p.code, ?::text)
            FROM {parent} p
            WHERE p.code = s.parent AND s.layer = ? AND s.status = 'pending' AND NOT ST_CoveredBy(s.geom, p.geom)
              AND ST_CoveredBy(s.geom, ST_Buffer(p.geom::geography, ?)::geometry)""".replace("FARTHEST", FARTHEST_VERTEX);

    /** Parameters: parent layer name, tolerance, layer. */
    static final String REJECT_OUTSIDE = """
            UPDATE geo_import_stage s SET status = 'rejected', kind = 'outside_parent', reason = format(
                'lies outside %s %s by more than the %s m tolerance (a vertex is %s m outside)',
                ?::text, p.code, ?::text, FARTHEST)
            FROM {parent} p
            WHERE p.code = s.parent AND s.layer = ? AND s.status = 'pending' AND s.warning IS NULL
              AND NOT ST_CoveredBy(s.geom, p.geom)""".replace("FARTHEST", FARTHEST_VERTEX);

    static final String DEVICE_IN_BUILDING = """
            UPDATE geo_import_stage s SET building_code = b.code, compound_code = b.compound_code FROM building b
            WHERE s.layer = 'device' AND s.status = 'pending' AND b.code = s.building""";

    static final String DEVICE_UNKNOWN_BUILDING = """
            UPDATE geo_import_stage SET status = 'rejected', kind = 'unknown_parent',
                reason = format('building ''%s'' is neither in the database nor loaded from this file', building)
            WHERE layer = 'device' AND status = 'pending' AND building IS NOT NULL AND building_code IS NULL""";

    static final String DEVICE_COMPOUND_MISMATCH = """
            UPDATE geo_import_stage SET status = 'rejected', kind = 'bad_property',
                reason = format('building %s is in compound %s, not in compound %s', building, compound_code, compound)
            WHERE layer = 'device' AND status = 'pending' AND building IS NOT NULL AND compound IS NOT NULL
              AND compound <> compound_code""";

    static final String DEVICE_IN_COMPOUND = """
            UPDATE geo_import_stage s SET compound_code = c.code FROM compound c
            WHERE s.layer = 'device' AND s.status = 'pending' AND s.building IS NULL AND c.code = s.compound""";

    static final String DEVICE_UNKNOWN_COMPOUND = """
            UPDATE geo_import_stage SET status = 'rejected', kind = 'unknown_parent',
                reason = format('compound ''%s'' is neither in the database nor loaded from this file', compound)
            WHERE layer = 'device' AND status = 'pending' AND building IS NULL AND compound_code IS NULL""";

    static final String DEVICE_COMMUNITY = """
            UPDATE geo_import_stage s SET community_code = c.community_code FROM compound c
            WHERE s.layer = 'device' AND s.status = 'pending' AND c.code = s.compound_code""";

    static final String UPSERT_COMMUNITY = """
            INSERT INTO community (code, name, geom)
            SELECT code, name, ST_Multi(geom) FROM geo_import_stage WHERE layer = 'community' AND status = 'pending'{only}
            ORDER BY idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom, updated_at = now()""";

    static final String UPSERT_COMPOUND = """
            INSERT INTO compound (code, name, community_code, geom)
            SELECT code, name, parent, ST_Multi(geom) FROM geo_import_stage
            WHERE layer = 'compound' AND status = 'pending'{only} ORDER BY idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, community_code = EXCLUDED.community_code,
                geom = EXCLUDED.geom, updated_at = now()""";

    /**
     * Grids of one community must not overlap: a grid is rejected when, shrunk by the tolerance (metres),
     * it still meets another grid of the same community, whether that one is in the database (another
     * code) or earlier in this file. Parameters: tolerance, tolerance, tolerance (as text).
     */
    static final String REJECT_OVERLAPPING_GRID = """
            WITH o AS (
                SELECT s.idx, (SELECT x.code FROM (
                        SELECT g.code FROM grid g
                         WHERE g.community_code = s.parent AND g.code <> s.code
                           AND NOT EXISTS (SELECT 1 FROM geo_import_stage r WHERE r.layer = 'grid' AND r.code = g.code)
                           AND ST_Intersects(g.geom, ST_Buffer(s.geom::geography, -?)::geometry)
                        UNION ALL
                        SELECT t.code FROM geo_import_stage t
                         WHERE t.layer = 'grid' AND t.status = 'pending' AND t.idx < s.idx AND t.parent = s.parent
                           AND t.code <> s.code AND ST_Intersects(t.geom, ST_Buffer(s.geom::geography, -?)::geometry)
                        ) x ORDER BY 1 LIMIT 1) AS other
                FROM geo_import_stage s WHERE s.layer = 'grid' AND s.status = 'pending')
            UPDATE geo_import_stage s SET status = 'rejected', kind = 'overlapping', reason = format(
                'overlaps grid %s of community %s by more than the %s m tolerance', o.other, s.parent, ?::text)
            FROM o WHERE o.idx = s.idx AND o.other IS NOT NULL""";

    static final String UPSERT_GRID = """
            INSERT INTO grid (code, name, community_code, geom)
            SELECT code, name, parent, ST_Multi(geom) FROM geo_import_stage
            WHERE layer = 'grid' AND status = 'pending'{only} ORDER BY idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, community_code = EXCLUDED.community_code,
                geom = EXCLUDED.geom, updated_at = now()""";

    static final String UPSERT_BUILDING = """
            INSERT INTO building (code, name, compound_code, floors, geom)
            SELECT code, name, parent, floors, ST_Multi(geom) FROM geo_import_stage
            WHERE layer = 'building' AND status = 'pending'{only} ORDER BY idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, compound_code = EXCLUDED.compound_code,
                floors = EXCLUDED.floors, geom = EXCLUDED.geom, updated_at = now()""";

    static final String UPSERT_FACILITY = """
            INSERT INTO facility (code, name, category, floor, opening_hours, phone, community_code, geom)
            SELECT s.code, s.name, s.category, s.floor, s.opening_hours, s.phone,
                (SELECT c.code FROM community c WHERE ST_Covers(c.geom, s.geom) ORDER BY c.code LIMIT 1), s.geom
            FROM geo_import_stage s WHERE s.layer = 'facility' AND s.status = 'pending'{only} ORDER BY s.idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, floor = EXCLUDED.floor,
                opening_hours = EXCLUDED.opening_hours, phone = EXCLUDED.phone, community_code = EXCLUDED.community_code,
                geom = EXCLUDED.geom, updated_at = now()""";

    static final String UPSERT_DEVICE = """
            INSERT INTO device (code, name, type, community_code, compound_code, building_code, floor, geom)
            SELECT code, name, device_type, community_code, compound_code, building_code, floor, geom
            FROM geo_import_stage WHERE layer = 'device' AND status = 'pending'{only} ORDER BY idx
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type,
                community_code = EXCLUDED.community_code, compound_code = EXCLUDED.compound_code,
                building_code = EXCLUDED.building_code, floor = EXCLUDED.floor, geom = EXCLUDED.geom, updated_at = now()""";

    static final String MARK_LOADED = "UPDATE geo_import_stage SET status = 'loaded' WHERE layer = ? AND status = 'pending'";

    static final String PENDING = "SELECT idx FROM geo_import_stage WHERE layer = ? AND status = 'pending' ORDER BY idx";

    static final String HAS_PENDING = "SELECT EXISTS (SELECT 1 FROM geo_import_stage WHERE layer = ? AND status = 'pending')";

    static final String MARK_ONE_LOADED = "UPDATE geo_import_stage SET status = 'loaded' WHERE idx = ?";

    static final String MARK_ONE_FAILED = """
            UPDATE geo_import_stage SET status = 'rejected', kind = 'database_error', reason = ? WHERE idx = ?""";

    static final String REJECTED = """
            SELECT idx, layer, code, kind, reason FROM geo_import_stage WHERE status = 'rejected' ORDER BY idx""";

    static final String WARNINGS = """
            SELECT warning FROM geo_import_stage WHERE status = 'loaded' AND warning IS NOT NULL ORDER BY idx""";

    static final String LOADED_COUNTS = "SELECT layer, count(*) FROM geo_import_stage WHERE status = 'loaded' GROUP BY layer";
}
