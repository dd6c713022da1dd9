package org.communityhub.gateway.postgis;

/** Statements of the cases' channel messages (issue 16 through issue 17's outbox, V261). */
final class CaseChannelSql {

    private CaseChannelSql() {
    }

    /** Open: neither closed nor rejected. Overdue: pending work past its deadline (as CaseSql). */
    private static final String OPEN = "c.status NOT IN ('closed', 'rejected')";
    private static final String OVERDUE = "(c.status IN ('accepted', 'assigned', 'in_progress') AND c.deadline < ?::timestamptz)";

    /**
     * The communities with open cases and a channel taking cases which has no delivery of their digest yet, with
     * their counts (open, overdue, untriaged and the oldest untriaged report's time): parameters key prefix,
     * now. Cheap once the day's digests are planned (the channels' side is
     * empty then).
     */
    static final String DIGESTS_DUE = "WITH due AS ("
            + " SELECT DISTINCT m.code, m.name"
            + " FROM channel ch JOIN community m ON ch.community_code IS NULL OR m.code = ch.community_code"
            + " WHERE ch.deleted_at IS NULL AND 'cases' = ANY (ch.topics)"
            + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.notice_key = ?::text || m.code AND d.channel_id = ch.id))"
            + " SELECT due.code, due.name, count(*), count(*) FILTER (WHERE " + OVERDUE + "),"
            + " count(*) FILTER (WHERE c.status = 'submitted'), min(c.submitted_at) FILTER (WHERE c.status = 'submitted')"
            + " FROM due JOIN hub_case c ON c.community_code = due.code AND " + OPEN
            + " GROUP BY due.code, due.name ORDER BY due.code";

    /** A community's first open cases, overdue first, then by deadline: parameters now, community, limit. */
    static final String TOP = "SELECT c.id, c.category, c.status, c.grid_code, c.deadline, " + OVERDUE + " AS overdue "
            + "FROM hub_case c WHERE c.community_code = ? AND " + OPEN
            + " ORDER BY overdue DESC, c.deadline NULLS LAST, c.id LIMIT ?";
}
