package org.communityhub.gateway.postgis;

/** Statements of the in-app notifications and their claims (V210). */
final class NotificationSql {

    private NotificationSql() {
    }

    /**
     * The structured fields of a notification (README "Notifications"), read with it so the page can word it in its
     * own language: an overdue notice's deadline (from its key: the deadline that passed), category and place; a
     * digest's first {@code TEXT_LINES} cases (number, category, status now, deadline, past it when the digest was
     * made); an alert page's tier (from its key) and the alert's kind, severity, device, floor, time and place.
     * A JSON object as text, or null. Primary-key lookups only.
     */
    private static final String DETAIL = """
            CASE n.kind
             WHEN 'overdue' THEN (
               SELECT json_build_object('category', c.category, 'community', c.community_code, 'community_name', cm.name,
                        'grid', c.grid_code, 'grid_name', g.name,
                        'deadline', to_timestamp(split_part(n.dedup_key, ':', 3)::bigint / 1000.0))
                 FROM hub_case c LEFT JOIN community cm ON cm.code = c.community_code
                 LEFT JOIN grid g ON g.code = c.grid_code
                WHERE c.id = n.case_id)
             WHEN 'digest' THEN (
               SELECT json_build_object('items', COALESCE(json_agg(json_build_object('id', c.id, 'category', c.category,
                        'status', c.status, 'deadline', c.deadline, 'overdue', COALESCE(c.deadline < n.created_at, false))
                        ORDER BY x.ord), '[]'::json))
                 FROM unnest(n.case_ids[1:20]) WITH ORDINALITY AS x(id, ord) JOIN hub_case c ON c.id = x.id)
             WHEN 'alert' THEN (
               SELECT json_build_object('tier', split_part(n.dedup_key, ':', 3)::int, 'alert_kind', a.kind,
                        'severity', a.severity, 'device', a.device_code, 'floor', a.floor, 'opened_at', a.opened_at,
                        'community', a.community_code, 'community_name', cm.name, 'building', a.building_code,
                        'building_name', b.name)
                 FROM alert a LEFT JOIN community cm ON cm.code = a.community_code
                 LEFT JOIN building b ON b.code = a.building_code
                WHERE a.id = n.alert_id)
            END::text""";

    /** The columns of a row {@code n} of notification, then its {@link #DETAIL}, then its untriaged count (V368). */
    static final String COLUMNS = "n.id, n.recipient, n.kind, n.dedup_key, n.title, n.body, n.case_id, n.case_ids, "
            + "n.open_count, n.overdue_count, n.created_at, n.read_at, n.alert_id, " + DETAIL + ", n.untriaged_count";

    /** A user's notifications, newest first: recipient, unread only (boolean), limit. */
    static final String LIST = "SELECT " + COLUMNS + " FROM notification n WHERE n.recipient = ? "
            + "AND (NOT ?::boolean OR n.read_at IS NULL) ORDER BY n.id DESC LIMIT ?";

    static final String UNREAD = "SELECT count(*) FROM notification WHERE recipient = ? AND read_at IS NULL";

    static final String FIND = "SELECT " + COLUMNS + " FROM notification n WHERE n.id = ?";

    /** Marks read, keeping the first time: at, id, recipient. */
    static final String MARK_READ = "WITH n AS (UPDATE notification SET read_at = COALESCE(read_at, ?) "
            + "WHERE id = ? AND recipient = ? RETURNING *) SELECT " + COLUMNS + " FROM n";

    /**
     * Users with assigned work pending that they may open ({@link CaseSql#MAY_OPEN}), and dispatchers whose scope
     * holds a report still waiting for triage ({@code submitted}), with no notification with the key (the parameter,
     * twice) yet.
     */
    static final String DIGEST_RECIPIENTS = """
            SELECT c.assignee FROM hub_case c JOIN hub_user u ON u.username = c.assignee
             WHERE c.status IN ('assigned', 'in_progress') AND """ + CaseSql.MAY_OPEN + """
               AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = c.assignee AND n.dedup_key = ?)
            UNION
            SELECT u.username FROM hub_user u
             WHERE u.role = 'dispatcher'
               AND EXISTS (SELECT 1 FROM hub_case c WHERE c.status = 'submitted'
                            AND (u.community_code IS NULL OR u.community_code = c.community_code))
               AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = u.username AND n.dedup_key = ?)
             ORDER BY 1""";

    /** Stores a notice unless its recipient has one with its key (the claim): returns the row when stored. */
    static final String CLAIM = "WITH n AS (INSERT INTO notification (recipient, kind, dedup_key, title, body, case_id, "
            + "case_ids, open_count, overdue_count, untriaged_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (recipient, dedup_key) DO NOTHING RETURNING *) SELECT " + COLUMNS + " FROM n";

    /**
     * Claims overdue transitions not claimed before: parameters now (claim time), now (overdue as of), limit.
     * A concurrent claim of the same (case, deadline) waits for the other transaction and then does nothing.
     */
    static final String CLAIM_OVERDUE = """
            INSERT INTO case_overdue_claim (case_id, deadline, claimed_at)
            SELECT c.id, c.deadline, ? FROM hub_case c
             WHERE c.status IN ('accepted', 'assigned', 'in_progress') AND c.deadline < ?
               AND NOT EXISTS (SELECT 1 FROM case_overdue_claim o WHERE o.case_id = c.id AND o.deadline = c.deadline)
             ORDER BY c.deadline LIMIT ?
            ON CONFLICT DO NOTHING RETURNING case_id""";

    /** The claimed cases and the dispatchers covering each: parameter the case ids (bigint[]). */
    static final String OVERDUE_CASES = """
            SELECT c.id, c.category, c.community_code, c.grid_code, c.deadline,
                   COALESCE(array_agg(u.username ORDER BY u.username) FILTER (WHERE u.username IS NOT NULL), '{}')
              FROM hub_case c
              LEFT JOIN hub_user u ON u.role = 'dispatcher'
                                  AND (u.community_code IS NULL OR u.community_code = c.community_code)
             WHERE c.id = ANY (?)
             GROUP BY c.id ORDER BY c.deadline, c.id""";

    /** Retention: notifications created before the parameter. */
    static final String PURGE = "DELETE FROM notification WHERE created_at < ?";
}
