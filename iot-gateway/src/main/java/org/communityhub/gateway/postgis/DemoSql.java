package org.communityhub.gateway.postgis;

/** Statements of the demo seeding ({@link PostgisDemoSite}). */
final class DemoSql {

    private DemoSql() {
    }

    static final String GRIDS = "SELECT code, community_code FROM grid ORDER BY code";

    /**
     * Building points per grid (parameter: how many per grid), then points 17 m inside each community's outline at
     * every tenth of its length that lie in no grid (the streets between the grids and the community's edge).
     */
    static final String SPOTS = """
            WITH b AS (
                SELECT g.community_code, g.code AS grid, ST_PointOnSurface(bl.geom) AS p,
                       row_number() OVER (PARTITION BY g.code ORDER BY bl.code) AS n
                  FROM grid g JOIN building bl ON ST_Contains(g.geom, bl.geom))
            SELECT community_code, grid, ST_X(p), ST_Y(p) FROM b WHERE n <= ?
            UNION ALL
            SELECT c.code, NULL, ST_X(s.p), ST_Y(s.p)
              FROM community c
             CROSS JOIN LATERAL (
                   SELECT ST_LineInterpolatePoint(ST_ExteriorRing(ST_GeometryN(ST_Buffer(c.geom, -0.00016), 1)), f) AS p
                     FROM generate_series(0.05, 0.95, 0.1) AS f) s
             WHERE NOT EXISTS (SELECT 1 FROM grid g WHERE ST_Intersects(g.geom, s.p))
               AND ST_Contains(c.geom, s.p)
             ORDER BY 1, 2 NULLS FIRST, 3, 4""";

    static final String LATEST_SUBMISSIONS = "SELECT community_code, max(submitted_at) FROM hub_case GROUP BY community_code";

    /** Parameters: the kinds (text[]), the limit. */
    static final String ALERTS_WITHOUT_CASE = """
            SELECT a.id FROM alert a
             WHERE a.status = 'open' AND a.kind = ANY (?) AND a.lon IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM hub_case c WHERE c.alert_id = a.id)
             ORDER BY a.id DESC LIMIT ?""";
}
