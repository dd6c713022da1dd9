package org.communityhub.gateway.postgis;

/**
 * The channels' and the delivery outbox's statements (issue 17; an alert's outbox rows are planned by the trigger of
 * V230, last replaced in V364: pages on opening and escalation, the confirmation of a real fire).
 */
final class ResponderSql {

    private ResponderSql() {
    }

    static final String COMMUNITY_EXISTS = "SELECT 1 FROM community WHERE code = ?";

    static final String CHANNEL_COLUMNS = """
            id, name, kind, url_shown, secret IS NOT NULL, community_code, min_severity, tier, created_by, created_at, topics""";

    static final String CHANNEL_INSERT = """
            INSERT INTO channel (name, kind, url_sealed, url_shown, secret, community_code, min_severity, tier, created_by,
                                 topics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING\s""" + CHANNEL_COLUMNS;

    static final String CHANNEL_LIST = "SELECT " + CHANNEL_COLUMNS + " FROM channel WHERE deleted_at IS NULL ORDER BY id";

    static final String CHANNEL_TARGET = "SELECT " + CHANNEL_COLUMNS + ", url_sealed, secret FROM channel WHERE id = ?"
            + " AND deleted_at IS NULL";

    static final String CHANNEL_TARGETS = "SELECT " + CHANNEL_COLUMNS + ", url_sealed, secret FROM channel"
            + " WHERE id = ANY (?)";

    static final String CHANNEL_DELETE = """
            UPDATE channel SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL
            RETURNING name, kind, url_shown, community_code""";

    static final String CHANNEL_STOP_DELIVERIES = """
            UPDATE delivery SET status = 'failed', last_error = 'channel deleted', lease_owner = NULL, lease_until = NULL
             WHERE channel_id = ? AND status = 'pending'""";

    /**
     * A case notice's outbox rows, one per channel taking {@code cases} for its community, once per (key, channel):
     * parameters key, kind, title, text, link, community.
     */
    static final String PLAN_NOTICE = """
            INSERT INTO delivery (notice_key, notice_kind, notice_title, notice_text, notice_link, tier, channel_id)
            SELECT ?, ?, ?, ?, ?, 0, c.id FROM channel c
             WHERE c.deleted_at IS NULL AND 'cases' = ANY (c.topics)
               AND (c.community_code IS NULL OR c.community_code = ?)
            ON CONFLICT (notice_key, channel_id) DO NOTHING""";

    /**
     * Parameters: owner, lease seconds, per-channel limit, busy channels (bigint[]) and the caller's sends outstanding
     * to each (int[]), limit. Due rows in due order, at most (per-channel limit − outstanding) of each channel, so a
     * channel that never answers holds a few sends, never the whole worker. The candidates are picked without locks
     * and locked with SKIP LOCKED, where status and lease are checked again on the row as it is then (another
     * worker's committed claim excludes it). Leases and retry times are the database's time, so hub instances whose
     * clocks disagree still agree on whose lease holds.
     */
    static final String CLAIM = """
            UPDATE delivery d SET lease_owner = ?, lease_until = clock_timestamp() + make_interval(secs => ?),
                                  attempts = d.attempts + 1
              FROM (SELECT id FROM delivery
                     WHERE id IN (SELECT c.id
                                    FROM (SELECT id, channel_id, next_attempt_at,
                                                 row_number() OVER (PARTITION BY channel_id
                                                                    ORDER BY next_attempt_at NULLS FIRST, id) AS n
                                            FROM delivery
                                           WHERE status = 'pending'
                                             AND (next_attempt_at IS NULL OR next_attempt_at <= clock_timestamp())
                                             AND (lease_until IS NULL OR lease_until < clock_timestamp())) c
                                   WHERE c.n <= ? - coalesce((SELECT b.n FROM unnest(?::bigint[], ?::int[]) AS b (channel, n)
                                                                WHERE b.channel = c.channel_id), 0)
                                   ORDER BY c.next_attempt_at NULLS FIRST, c.id
                                   LIMIT ?)
                       AND status = 'pending' AND (lease_until IS NULL OR lease_until < clock_timestamp())
                     FOR UPDATE SKIP LOCKED) due
             WHERE d.id = due.id
            RETURNING d.id, d.delivery_key::text, d.alert_id, d.tier, d.channel_id, d.attempts, d.notice_kind, d.notice_title,
                      d.notice_text, d.notice_link, d.purpose, d.sms_reached""";

    static final String DELIVERED = """
            UPDATE delivery SET status = 'delivered', delivered_at = now(), lease_owner = NULL, lease_until = NULL,
                                last_error = NULL, sms_reached = '{}'
             WHERE id = ? AND lease_owner = ? AND status = 'pending'""";

    /**
     * Parameters: seconds until the retry (null: failed for good) three times, error, the digests of the SMS numbers
     * reached (added to those of earlier attempts; all dropped when it failed for good), id, owner.
     */
    static final String FAILED = """
            UPDATE delivery SET status = CASE WHEN ?::double precision IS NULL THEN 'failed' ELSE 'pending' END,
                                next_attempt_at = clock_timestamp() + make_interval(secs => ?::double precision),
                                last_error = ?, lease_owner = NULL, lease_until = NULL,
                                sms_reached = CASE WHEN ?::double precision IS NULL THEN '{}'::text[]
                                                   ELSE ARRAY(SELECT DISTINCT r FROM unnest(sms_reached || ?::text[]) AS r
                                                               ORDER BY r) END
             WHERE id = ? AND lease_owner = ? AND status = 'pending'""";

    /**
     * A send whose worker no longer held the lease (it ran out while the send was in flight, and another worker claimed
     * the row, or already retried it): the SMS numbers it reached are still added to the row while the row is pending,
     * so that no later attempt texts them again; a row that has ended (delivered, failed, or its channel deleted) keeps
     * its emptied list. Parameters: the digests, id.
     */
    static final String KEEP_REACHED = """
            UPDATE delivery SET sms_reached = ARRAY(SELECT DISTINCT r FROM unnest(sms_reached || ?::text[]) AS r ORDER BY r)
             WHERE id = ? AND status = 'pending'""";

    static final String ATTEMPT = """
            INSERT INTO delivery_attempt (delivery_id, attempt, worker, status, http_status, error)
            VALUES (?, ?, ?, ?, ?, ?)""";

    /** Parameters: tier, channel, status, error, delivered?, then worker, status, HTTP status, error. */
    static final String TEST_ATTEMPT = """
            WITH d AS (INSERT INTO delivery (alert_id, tier, channel_id, status, attempts, last_error, delivered_at)
                       VALUES (NULL, ?, ?, ?, 1, ?, CASE WHEN ?::boolean THEN now() END) RETURNING id)
            INSERT INTO delivery_attempt (delivery_id, attempt, worker, status, http_status, error)
            SELECT d.id, 1, ?, ?, ?, ? FROM d""";

    static final String LOG = """
            SELECT t.id, d.id, d.alert_id, d.tier, c.id, c.name, c.kind, t.attempt, t.status, d.status, t.http_status,
                   t.error, t.worker, t.at, d.notice_key, d.purpose
              FROM delivery_attempt t JOIN delivery d ON d.id = t.delivery_id JOIN channel c ON c.id = d.channel_id
             WHERE (?::bigint IS NULL OR d.alert_id = ?)
             ORDER BY t.id DESC LIMIT ?""";
}
