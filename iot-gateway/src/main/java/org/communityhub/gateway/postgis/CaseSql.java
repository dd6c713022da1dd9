package org.communityhub.gateway.postgis;

/** Statements for cases (CONTRACT §7): the case, its history, photos and the grid's worker. */
final class CaseSql {

    private CaseSql() {
    }

    /** Pending work past its deadline; parameter: now. */
    private static final String OVERDUE = "(c.status IN ('accepted', 'assigned', 'in_progress') AND c.deadline < ?::timestamptz)";

    /** Whether user {@code u} may open case {@code c} now (mirrors {@code CaseActor.sees}); no parameters. */
    static final String MAY_OPEN = "(u.role = 'admin' OR u.role = 'dispatcher' AND (u.community_code IS NULL "
            + "OR u.community_code = c.community_code) OR u.role = 'grid_worker' AND (c.assignee = u.username "
            + "OR c.reporter = u.username OR c.grid_code IN (SELECT g.grid_code FROM user_grid g "
            + "WHERE g.username = u.username)))";

    /** The summary columns, then the detail's: 1 = now. */
    static final String COLUMNS = "c.id, c.category, c.status, c.community_code, c.grid_code, c.lon, c.lat, c.assignee, "
            + "c.deadline, " + OVERDUE + " AS overdue, c.submitted_at";

    static final String DETAIL = "SELECT " + COLUMNS + ", c.tracking_code, c.priority, c.description, c.compound_code, "
            + "c.building_code, c.reporter, c.contact, c.accepted_at, c.handled_at, c.closed_at, c.alert_id, "
            + "c.rating_score, c.rating_comment, c.rated_at FROM hub_case c WHERE c.id = ?";

    /**
     * The list, overdue first: parameters now, then the filters the adapter appends ({@code AND …}), then the
     * ordering and limit.
     */
    static final String LIST_HEAD = "SELECT " + COLUMNS + " FROM hub_case c WHERE true";

    static final String LIST_TAIL = " ORDER BY overdue DESC, c.deadline NULLS LAST, c.id DESC LIMIT ?";

    static final String BY_COMMUNITY = " AND c.community_code = ?";
    static final String BY_GRID = " AND c.grid_code = ?";
    static final String BY_STATUS = " AND c.status = ?";
    /** The assignee's own cases, those it may open only (a digest never lists a case its reader cannot open). */
    static final String BY_ASSIGNEE = " AND c.assignee = ? AND EXISTS (SELECT 1 FROM hub_user u "
            + "WHERE u.username = c.assignee AND " + MAY_OPEN + ")";
    static final String BY_OVERDUE = " AND " + OVERDUE;
    /** A grid worker's scope: cases in its grids, or that it reported or is assigned. */
    static final String BY_WORKER = " AND (c.grid_code = ANY (?) OR c.reporter = ? OR c.assignee = ?)";
    /** Open cases only (the listing's default): the partial indexes cover these. */
    static final String OPEN = " AND c.status NOT IN ('closed', 'rejected')";

    /**
     * The reports waiting for triage that user ? (a dispatcher or admin) covers, oldest first, each with the count of
     * all: parameters now, username, limit.
     */
    static final String UNTRIAGED = "SELECT " + COLUMNS + ", count(*) OVER () FROM hub_case c "
            + "JOIN hub_user u ON u.username = ? WHERE c.status = 'submitted' AND (u.role = 'admin' "
            + "OR u.role = 'dispatcher' AND (u.community_code IS NULL OR u.community_code = c.community_code)) "
            + "ORDER BY c.submitted_at, c.id LIMIT ?";

    static final String HISTORY = "SELECT actor, at, action, from_status, to_status, note FROM case_history "
            + "WHERE case_id = ? ORDER BY id";

    static final String PHOTOS = "SELECT n, stage FROM case_photo WHERE case_id = ? ORDER BY n";

    static final String PHOTO = "SELECT jpeg FROM case_photo WHERE case_id = ? AND n = ?";

    static final String THUMBNAIL = "SELECT thumbnail FROM case_photo WHERE case_id = ? AND n = ?";

    static final String PHOTO_COUNT = "SELECT count(*) FROM case_photo WHERE case_id = ?";

    static final String PHOTO_INSERT = "INSERT INTO case_photo (case_id, n, stage, jpeg, thumbnail) VALUES (?, ?, ?, ?, ?)";

    static final String BY_TRACKING = "SELECT id FROM hub_case WHERE tracking_code = ?";

    static final String LOCK = "SELECT id, category, status, community_code, grid_code, reporter, assignee, deadline "
            + "FROM hub_case WHERE id = ? FOR UPDATE";

    static final String INSERT = """
            INSERT INTO hub_case (tracking_code, category, status, description, lon, lat, community_code, compound_code,
                                  building_code, grid_code, reporter, contact, alert_id, submitted_at)
            VALUES (?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";

    /**
     * A step: parameters status, assignee, deadline, priority (null keeps), then the step's time for accepted_at
     * (accept), handled_at (handle; a rework clears it), closed_at (close; a reopen clears handled and closed), then id.
     */
    static final String APPLY = """
            UPDATE hub_case SET status = ?, assignee = ?, deadline = ?, priority = COALESCE(?, priority),
                   accepted_at = CASE WHEN ? = 'accept' THEN ?::timestamptz ELSE accepted_at END,
                   handled_at = CASE WHEN ? = 'handle' THEN ?::timestamptz WHEN ? IN ('reopen', 'rework') THEN NULL
                                     ELSE handled_at END,
                   closed_at = CASE WHEN ? IN ('close', 'reject') THEN ?::timestamptz WHEN ? = 'reopen' THEN NULL
                                    ELSE closed_at END
             WHERE id = ?""";

    /** A history line with the case's deadline after the step (V367; what a past report's overdue count reads). */
    static final String HISTORY_INSERT = "INSERT INTO case_history (case_id, actor, at, action, from_status, to_status, "
            + "note, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    static final String GRID_WORKER = """
            SELECT g.username FROM user_grid g JOIN hub_user u ON u.username = g.username
             WHERE g.grid_code = ? AND u.role = 'grid_worker' ORDER BY g.username LIMIT 1""";

    static final String GRIDS_OF = "SELECT grid_code FROM user_grid WHERE username = ? ORDER BY grid_code";

    /**
     * Whether user {@code u} may work on a case of a community (CONTRACT §6): parameters the community, twice.
     * Security and installer logins never may (they get 403 on the case routes).
     */
    static final String MAY_WORK = "(u.role = 'admin' OR u.role = 'dispatcher' AND (u.community_code IS NULL "
            + "OR u.community_code = ?::text) OR u.role = 'grid_worker' AND u.community_code = ?::text)";

    /** The user's role and whether it may work on a case of the community: username, community (twice). */
    static final String MAY_WORK_USER = "SELECT COALESCE(" + MAY_WORK + ", false) FROM hub_user u WHERE u.username = ?";

    /**
     * Who may work on a case of a community, the grid's workers first: parameters grid, community (twice).
     * Grids as a comma-separated list.
     */
    static final String ASSIGNEES = "SELECT u.username, u.role, "
            + "(SELECT string_agg(g.grid_code, ',' ORDER BY g.grid_code) FROM user_grid g WHERE g.username = u.username), "
            + "u.role = 'grid_worker' AND EXISTS (SELECT 1 FROM user_grid g WHERE g.username = u.username "
            + "AND g.grid_code = ?::text) AS cases_grid FROM hub_user u WHERE " + MAY_WORK
            + " ORDER BY cases_grid DESC, CASE u.role WHEN 'grid_worker' THEN 0 WHEN 'dispatcher' THEN 1 ELSE 2 END, "
            + "u.username LIMIT 500";

    static final String RATE = "UPDATE hub_case SET rating_score = ?, rating_comment = ?, rated_at = ? "
            + "WHERE id = ? AND rating_score IS NULL";

    /** Locks the alert's row: one case per alert, however many guards press at once. */
    static final String ALERT = "SELECT id, kind, community_code, device_code, lon, lat FROM alert WHERE id = ? FOR UPDATE";

    static final String CASE_OF_ALERT = "SELECT id, tracking_code, status FROM hub_case WHERE alert_id = ? ORDER BY id LIMIT 1";

    static final String GRID_COMMUNITY = "SELECT community_code FROM grid WHERE code = ?";

    /**
     * The report per community and grid: parameters start, end (received), asOf (overdue), asOf (the state as of
     * then: the last history line up to it, V367), start, end (the case's last closing within the period, from the
     * history), then the community filter (null: all) and start, end for the cases that touch the period.
     * {@code closed}, {@code closed_on_time}, the median hours to close and the mean rating count the closings the
     * history has within the period, whatever the case became since (reopened, closed again later): a case closed
     * in the period counts there once, on time when the handling before that closing met the deadline it had then.
     * {@code overdue_open} counts the cases that were pending past their deadline at asOf (the period's end, or now
     * while it runs), as the audit trail has them, so a past report stays as it was.
     */
    static final String REPORT = """
            SELECT c.community_code, c.grid_code, GROUPING(c.grid_code) = 1 AS total,
                   count(*) FILTER (WHERE c.submitted_at >= ?::timestamptz AND c.submitted_at < ?::timestamptz),
                   count(k.id),
                   count(k.id) FILTER (WHERE hd.deadline IS NULL OR COALESCE(hd.at, k.at) <= hd.deadline),
                   count(*) FILTER (WHERE a.status IN ('accepted', 'assigned', 'in_progress') AND a.deadline < ?::timestamptz),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM k.at - c.submitted_at) / 3600.0)
                       FILTER (WHERE k.id IS NOT NULL),
                   avg(c.rating_score) FILTER (WHERE k.id IS NOT NULL AND c.rating_score IS NOT NULL)
              FROM hub_case c
              LEFT JOIN LATERAL (SELECT h.to_status AS status, COALESCE(h.deadline, c.deadline) AS deadline
                                   FROM case_history h WHERE h.case_id = c.id AND h.at <= ?::timestamptz
                                  ORDER BY h.id DESC LIMIT 1) a ON true
              LEFT JOIN LATERAL (SELECT h.id, h.at FROM case_history h
                                  WHERE h.case_id = c.id AND h.to_status = 'closed'
                                    AND h.at >= ?::timestamptz AND h.at < ?::timestamptz
                                  ORDER BY h.id DESC LIMIT 1) k ON true
              LEFT JOIN LATERAL (SELECT x.at, COALESCE(x.deadline, c.deadline) AS deadline FROM case_history x
                                  WHERE x.case_id = c.id AND x.to_status = 'handled' AND x.id < k.id
                                  ORDER BY x.id DESC LIMIT 1) hd ON true
             WHERE (?::text IS NULL OR c.community_code = ?::text)
               AND c.submitted_at < ?::timestamptz
               AND (c.submitted_at >= ?::timestamptz OR c.closed_at >= ?::timestamptz
                    OR c.status NOT IN ('closed', 'rejected'))
             GROUP BY GROUPING SETS ((c.community_code), (c.community_code, c.grid_code))
            HAVING GROUPING(c.grid_code) = 1 OR c.grid_code IS NOT NULL
             ORDER BY c.community_code, total DESC, c.grid_code""";

    /** The communities and their grids a report lists (with zeros when quiet): the community filter (null: all), twice. */
    static final String REPORT_PLACES = """
            SELECT m.code, g.code FROM community m LEFT JOIN grid g ON g.community_code = m.code
             WHERE (?::text IS NULL OR m.code = ?::text)
             ORDER BY m.code, g.code""";

    /** Received cases by community, grid and category: start, end, community filter (twice). */
    static final String REPORT_CATEGORIES = """
            SELECT community_code, grid_code, category, count(*)
              FROM hub_case
             WHERE submitted_at >= ?::timestamptz AND submitted_at < ?::timestamptz
               AND (?::text IS NULL OR community_code = ?::text)
             GROUP BY community_code, grid_code, category""";

    /** Retention: photos and contact numbers of cases closed or rejected before the parameter. */
    static final String PURGE_CLOSED = """
            WITH old AS (SELECT id FROM hub_case WHERE status IN ('closed', 'rejected') AND closed_at < ?),
                 photos AS (DELETE FROM case_photo WHERE case_id IN (SELECT id FROM old))
            UPDATE hub_case SET contact = NULL WHERE id IN (SELECT id FROM old) AND contact IS NOT NULL""";
}
