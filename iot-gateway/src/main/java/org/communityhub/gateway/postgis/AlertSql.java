package org.communityhub.gateway.postgis;

/** The alert queries and lifecycle statements (the ingestion ones are in {@link GatewaySql}). */
final class AlertSql {

    private AlertSql() {
    }

    static final String COLUMNS = """
            a.id, a.rule, a.severity, a.status, a.device_code, a.building_code, a.compound_code, a.community_code,
            a.floor, a.lon, a.lat, a.opened_at, a.last_event_at, a.count, a.event_ids, a.reset_at, a.acknowledged_by,
            a.acknowledged_at, a.resolved_by, a.resolved_at, a.outcome, a.note, a.escalation_level, a.change_seq,
            a.test""";

    static final String LIST = "SELECT " + COLUMNS + "\n" + """
             FROM alert a
            WHERE (?::text IS NULL OR a.status = ?) AND (?::text IS NULL OR a.severity = ?)
              AND (?::text IS NULL OR a.community_code = ?)
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
             WHERE id = ? AND status = 'acknowledged'""";

    static final String ESCALATE = """
            UPDATE alert SET escalation_level = escalation_level + 1, escalated_at = now(),
                             change_seq = nextval('alert_change_seq')
             WHERE status = 'open' AND severity = 'critical' AND escalation_level < 2
               AND opened_at <= now() - make_interval(secs => ?::double precision * (escalation_level + 1))
            RETURNING id""";

    static final String AUDIT = """
            INSERT INTO audit_log (actor, action, object_type, object_id, community, detail, remote)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
}
