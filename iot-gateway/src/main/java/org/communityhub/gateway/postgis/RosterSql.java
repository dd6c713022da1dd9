package org.communityhub.gateway.postgis;

/** Statements of the duty roster and the pages it drives (issue 17, V260). */
final class RosterSql {

    private RosterSql() {
    }

    static final String COLUMNS = "r.id, r.username, r.community_code, r.tier, r.days, r.start_time, r.end_time, "
            + "r.valid_from, r.valid_until, r.min_severity, r.note, u.phone, r.created_by, r.created_at";

    /** The login's role and community: who may be on the roster of a community. */
    static final String USER = "SELECT role, community_code FROM hub_user WHERE username = ?";

    static final String COMMUNITY_EXISTS = "SELECT 1 FROM community WHERE code = ?";

    static final String INSERT = """
            INSERT INTO duty_roster (username, community_code, tier, days, start_time, end_time, valid_from, valid_until,
                                     min_severity, note, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";

    static final String FIND = "SELECT " + COLUMNS + " FROM duty_roster r JOIN hub_user u ON u.username = r.username"
            + " WHERE r.id = ?";

    /** Parameters: community (null: all) twice. */
    static final String LIST = "SELECT " + COLUMNS + " FROM duty_roster r JOIN hub_user u ON u.username = r.username"
            + " WHERE (?::text IS NULL OR r.community_code = ?) ORDER BY r.community_code, r.tier, r.username, r.id";

    static final String DELETE = "DELETE FROM duty_roster WHERE id = ? RETURNING username, community_code, tier";

    /** Who is on duty now at each tier of a community (the database's clock, as the paging): parameter community. */
    static final String NOW = "SELECT " + COLUMNS + " FROM generate_series(1, 3) AS t(tier)"
            + " CROSS JOIN LATERAL hub_on_duty(?, t.tier, now()) r JOIN hub_user u ON u.username = r.username"
            + " ORDER BY r.tier, r.username, r.id";

    /** Who was paged for an alert at a tier: parameters alert, tier. */
    static final String PAGED = "SELECT p.username, u.phone FROM alert_page p JOIN hub_user u ON u.username = p.username"
            + " WHERE p.alert_id = ? AND p.tier = ? ORDER BY p.username";

    static final String SET_PHONE = "UPDATE hub_user SET phone = ? WHERE username = ? RETURNING community_code";
}
