package org.communityhub.gateway.postgis;

/** The alert queries and lifecycle statements (the ingestion ones are in {@link GatewaySql}). */
final class AlertSql {

    private AlertSql() {
    }

    static final String COLUMNS = """
            a.id, a.rule, a.severity, a.status, a.device_code, a.building_code, a.compound_code, a.community_code,
            a.floor, a.lon, a.lat, a.opened_at, a.last_event_at, a.count, a.event_ids, a.reset_at, a.acknowledged_by,
            a.acknowledged_at, a.resolved_by, a.resolved_at, a.outcome, a.note, a.escalation_level, a.change_seq,
            a.assignee,
            ARRAY(SELECT c.id FROM alert_comment c WHERE c.alert_id = a.id ORDER BY c.id) AS comment_ids,
            ARRAY(SELECT c.author FROM alert_comment c WHERE c.alert_id = a.id ORDER BY c.id) AS comment_authors,
            ARRAY(SELECT c.at FROM alert_comment c WHERE c.alert_id = a.id ORDER BY c.id) AS comment_times,
            ARRAY(SELECT c.text FROM alert_comment c WHERE c.alert_id = a.id ORDER BY c.id) AS comment_texts,
            a.test""";

    private static final String LIST_FILTERS = "SELECT " + COLUMNS + "\n" + """
             FROM alert a
            WHERE (?::text IS NULL OR a.status = ?) AND (?::text IS NULL OR a.severity = ?)
              AND (?::text IS NULL OR a.community_code = ?)
              AND (?::text IS NULL OR a.kind = ?) AND (?::text IS NULL OR a.outcome = ?)
              AND (?::text IS NULL OR a.building_code = ?)
              AND (?::timestamptz IS NULL OR a.opened_at >= ?::timestamptz)
              AND (?::timestamptz IS NULL OR a.opened_at < ?::timestamptz)
            """;

    /**
     * Parameters, each filter twice: status, severity, community, kind, outcome, building, from, to; then the
     * limit. Newest first; indexes alert_scope and V270's.
     */
    static final String LIST = LIST_FILTERS + "ORDER BY a.opened_at DESC, a.id DESC LIMIT ?";

    /** As {@link #LIST}, then the keyset cursor (opened_at, id) before the limit: the page after that alert. */
    static final String LIST_BEFORE = LIST_FILTERS + """
              AND (a.opened_at, a.id) < (?::timestamptz, ?::bigint)
            ORDER BY a.opened_at DESC, a.id DESC LIMIT ?""";

    static final String FIND = "SELECT " + COLUMNS + "\n" + """
             FROM alert a WHERE a.id = ? AND (?::text IS NULL OR a.community_code = ?)""";

    static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE";

    static final String CHANGED_SINCE = "SELECT " + COLUMNS + "\n" + """
             FROM alert a WHERE a.change_seq > ? AND (?::text IS NULL OR a.community_code = ?)
            ORDER BY a.change_seq LIMIT ?""";

    static final String ACKNOWLEDGE = """
            UPDATE alert SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = now(),
                             change_seq = nextval('alert_change_seq')
             WHERE id = ? AND status = 'open'""";

    static final String RESOLVE = """
            UPDATE alert SET status = 'resolved', resolved_by = ?, resolved_at = now(), outcome = ?, note = ?,
                             change_seq = nextval('alert_change_seq')
             WHERE id = ? AND status IN ('acknowledged', 'confirmed')""";

    /** Real fire: confirmed (acknowledged on the way, by the same person) and at least level 1 (tier 2 at once). */
    static final String CONFIRM = """
            UPDATE alert SET status = 'confirmed', confirmed_by = ?, confirmed_at = now(),
                             acknowledged_by = coalesce(acknowledged_by, ?), acknowledged_at = coalesce(acknowledged_at, now()),
                             escalation_level = greatest(escalation_level, 1),
                             escalated_at = CASE WHEN escalation_level < 1 THEN now() ELSE escalated_at END,
                             change_seq = nextval('alert_change_seq')
             WHERE id = ? AND status IN ('open', 'acknowledged')""";

    static final String ASSIGN = """
            UPDATE alert SET assignee = ?, change_seq = nextval('alert_change_seq')
             WHERE id = ? AND status <> 'resolved'""";

    /** Whether a login may be assigned alerts of a community: security of that community, or an admin. */
    static final String ASSIGNABLE = """
            SELECT 1 FROM hub_user WHERE username = ?
               AND (role = 'admin' OR (role = 'security' AND community_code = ?))""";

    static final String COMMENT = "INSERT INTO alert_comment (alert_id, author, text) VALUES (?, ?, ?)";

    static final String TOUCH = "UPDATE alert SET change_seq = nextval('alert_change_seq') WHERE id = ?";

    /**
     * Parameters: now, escalate-after seconds, now, fire-confirm seconds. Unacknowledged critical alerts, and fire
     * alarms nobody confirmed (real or false), one level per run.
     */
    static final String ESCALATE = """
            UPDATE alert SET escalation_level = escalation_level + 1, escalated_at = now(),
                             change_seq = nextval('alert_change_seq')
             WHERE severity = 'critical' AND escalation_level < 2
               AND ((status = 'open'
                     AND opened_at <= ?::timestamptz - make_interval(secs => ?::double precision * (escalation_level + 1)))
                 OR (kind = 'fire' AND status IN ('open', 'acknowledged')
                     AND opened_at <= ?::timestamptz - make_interval(secs => ?::double precision * (escalation_level + 1))))
            RETURNING id""";

    static final String AUDIT = """
            INSERT INTO audit_log (actor, action, object_type, object_id, community, detail, remote)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
}
