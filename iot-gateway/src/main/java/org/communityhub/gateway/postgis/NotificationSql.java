package org.communityhub.gateway.postgis;

/** Statements of the in-app notifications and their claims (V210). */
final class NotificationSql {

    private NotificationSql() {
    }

    static final String COLUMNS = "id, recipient, kind, dedup_key, title, body, case_id, case_ids, open_count, "
            + "overdue_count, created_at, read_at, alert_id";

    /** A user's notifications, newest first: recipient, unread only (boolean), limit. */
    static final String LIST = "SELECT " + COLUMNS + " FROM notification WHERE recipient = ? "
            + "AND (NOT ?::boolean OR read_at IS NULL) ORDER BY id DESC LIMIT ?";

    static final String UNREAD = "SELECT count(*) FROM notification WHERE recipient = ? AND read_at IS NULL";

    static final String FIND = "SELECT " + COLUMNS + " FROM notification WHERE id = ?";

    /** Marks read, keeping the first time: at, id, recipient. */
    static final String MARK_READ = "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND recipient = ? "
            + "RETURNING " + COLUMNS;

    /** Users with assigned work pending and no notification with the key (the parameter) yet. */
    static final String DIGEST_RECIPIENTS = """
            SELECT DISTINCT c.assignee FROM hub_case c JOIN hub_user u ON u.username = c.assignee
             WHERE c.status IN ('assigned', 'in_progress')
               AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.recipient = c.assignee AND n.dedup_key = ?)
             ORDER BY c.assignee""";

    /** Stores a notice unless its recipient has one with its key (the claim): returns the row when stored. */
    static final String CLAIM = "INSERT INTO notification (recipient, kind, dedup_key, title, body, case_id, case_ids, "
            + "open_count, overdue_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (recipient, dedup_key) DO NOTHING RETURNING " + COLUMNS;

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
