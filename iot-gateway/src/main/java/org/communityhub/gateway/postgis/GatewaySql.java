package org.communityhub.gateway.postgis;

/** Every SQL statement of the gateway, in one place. Schema: db/migration/gateway. */
final class GatewaySql {

    private GatewaySql() {
    }

    static final String NOTIFY = "SELECT pg_notify('hub_change', ?)";
    /** Several notices in one statement, in the array's order. */
    static final String NOTIFY_ALL =
            "SELECT pg_notify('hub_change', n) FROM unnest(?::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i";

    // ------------------------------------------------------------------ devices
    static final String DEVICE_BY_CODE = """
            SELECT d.code, d.name, d.type, d.community_code, COALESCE(d.compound_code, b.compound_code),
                   d.building_code, d.floor, ST_X(d.geom), ST_Y(d.geom), d.install_state
              FROM device d LEFT JOIN building b ON b.code = d.building_code
             WHERE d.code = ?""";

    static final String SET_TEST_MODE = "UPDATE device SET test_mode_until = ? WHERE code = ?";

    static final String DEVICES_IN_SCOPE = """
            SELECT d.code, d.name, d.type, d.community_code, COALESCE(d.compound_code, b.compound_code),
                   d.building_code, d.floor, ST_X(d.geom), ST_Y(d.geom), d.install_state,
                   s.status, s.last_seen, CASE WHEN d.test_mode_until > now() THEN d.test_mode_until END
              FROM device d
              LEFT JOIN building b ON b.code = d.building_code
              LEFT JOIN device_state s ON s.device_code = d.code
             WHERE (?::text IS NULL OR d.community_code = ?)
             ORDER BY d.code""";

    static final String UNREGISTERED_DEVICES = """
            SELECT code, topic, first_seen, last_seen, count FROM unregistered_device u
             WHERE (?::text IS NULL OR split_part(topic, '/', 3) = ?)
               AND NOT EXISTS (SELECT 1 FROM device d WHERE d.code = u.code)
             ORDER BY last_seen DESC LIMIT 500""";

    /** Marks devices online as of their newest message; returns those that were not online before. */
    static final String MARK_SEEN = """
            WITH input AS (SELECT code, timestamptz 'epoch' + us * interval '1 microsecond' AS seen
                             FROM unnest(?::text[], ?::int8[]) AS t(code, us)),
                 prev AS (SELECT s.device_code, s.status FROM device_state s JOIN input i ON i.code = s.device_code),
                 up AS (INSERT INTO device_state AS s (device_code, status, last_seen, status_changed_at)
                        SELECT code, 'online', seen, seen FROM input
                         WHERE EXISTS (SELECT 1 FROM device d WHERE d.code = input.code)
                        ON CONFLICT (device_code) DO UPDATE
                           SET last_seen = GREATEST(s.last_seen, EXCLUDED.last_seen),
                               status = 'online',
                               status_changed_at = CASE WHEN s.status = 'online' THEN s.status_changed_at
                                                        ELSE EXCLUDED.status_changed_at END
                        RETURNING device_code)
            SELECT up.device_code FROM up LEFT JOIN prev ON prev.device_code = up.device_code
             WHERE prev.status IS DISTINCT FROM 'online'""";

    /** Marks devices offline (Last Will or retained offline); returns those that were online before. */
    static final String MARK_OFFLINE = """
            WITH input AS (SELECT code, timestamptz 'epoch' + us * interval '1 microsecond' AS at
                             FROM unnest(?::text[], ?::int8[]) AS t(code, us)),
                 prev AS (SELECT s.device_code, s.status FROM device_state s JOIN input i ON i.code = s.device_code),
                 up AS (INSERT INTO device_state AS s (device_code, status, last_seen, status_changed_at)
                        SELECT code, 'offline', NULL, at FROM input
                         WHERE EXISTS (SELECT 1 FROM device d WHERE d.code = input.code)
                        ON CONFLICT (device_code) DO UPDATE
                           SET status = 'offline',
                               status_changed_at = CASE WHEN s.status = 'offline' THEN s.status_changed_at
                                                        ELSE EXCLUDED.status_changed_at END
                        RETURNING device_code)
            SELECT up.device_code FROM up JOIN prev ON prev.device_code = up.device_code WHERE prev.status = 'online'""";

    /** Heartbeat timeout: devices silent for longer than the timeout go offline. */
    static final String SWEEP_SILENT = """
            UPDATE device_state SET status = 'offline', status_changed_at = now()
             WHERE status = 'online' AND last_seen < now() - make_interval(secs => ?::double precision)
            RETURNING device_code""";

    static final String UPSERT_UNREGISTERED = """
            INSERT INTO unregistered_device AS u (code, topic, first_seen, last_seen)
            SELECT code, topic, at, at
              FROM (SELECT code, topic, timestamptz 'epoch' + us * interval '1 microsecond' AS at
                      FROM unnest(?::text[], ?::text[], ?::int8[]) AS t(code, topic, us)) t
            ON CONFLICT (code) DO UPDATE SET topic = EXCLUDED.topic, last_seen = GREATEST(u.last_seen, EXCLUDED.last_seen),
                                             count = u.count + 1""";

    // ------------------------------------------------------------------ events and rejects
    /**
     * Times travel as microseconds since the epoch ({@code int8[]}, sent in binary): pgjdbc sends a
     * {@code Timestamp[]} as text, formatting each element through a {@code Calendar}, which cost more of the
     * ingest path's CPU than anything else in the statement. The events' data come as one JSON array text (element
     * {@code k} belongs to the {@code k}-th event: {@code ROWS FROM} zips the lists by position), not a {@code text[]}
     * of one text per event ({@link EventDataJson}). The last array holds each event's person reference as its erasure
     * hash ({@code ErasedPersons}, hex; null without a reference): an erased person's event is stored without the
     * reference and with {@code "person": "erased"} in its data. Returns the stored rows' keys, times again in µs.
     */
    static final String INSERT_EVENTS = """
            INSERT INTO event (device_code, event_id, event_time, received_at, community_code, device_type, type,
                               event_class, person_ref, data)
            SELECT d, i, timestamptz 'epoch' + t * interval '1 microsecond',
                   timestamptz 'epoch' + r * interval '1 microsecond', c, dt, ty, cl,
                   CASE WHEN e.ref_hash IS NULL THEN p END,
                   CASE WHEN e.ref_hash IS NULL THEN j ELSE jsonb_set(j, '{person}', '"erased"') END
              FROM ROWS FROM (unnest(?::text[]), unnest(?::text[]), unnest(?::int8[]), unnest(?::int8[]),
                              unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),
                              unnest(?::text[]), jsonb_array_elements(?::jsonb), unnest(?::text[]))
                   AS x(d, i, t, r, c, dt, ty, cl, p, j, h)
              LEFT JOIN erased_person e ON x.h IS NOT NULL AND e.ref_hash = decode(x.h, 'hex')
            ON CONFLICT (device_code, event_id, event_time) DO NOTHING
            RETURNING device_code, event_id, (extract(epoch FROM event_time) * 1000000)::int8""";

    /**
     * A batch's events in one round trip (pgjdbc sends the three statements before one Sync): the erasure lock
     * shared ({@link PrivacySql#LOCK_SHARED}, so {@link #INSERT_EVENTS}' snapshot, taken after it, sees an erasure
     * that committed while this waited), the events, and their devices seen ({@link #MARK_SEEN}). Parameters: the
     * lock key, the eleven parameters of {@link #INSERT_EVENTS}, the two of {@link #MARK_SEEN}; three results.
     */
    static final String INGEST_EVENTS = PrivacySql.LOCK_SHARED + ";\n" + INSERT_EVENTS + ";\n" + MARK_SEEN;

    static final String INSERT_REJECTS = """
            INSERT INTO rejected_message (received_at, topic, device_code, community_code, reason, detail, payload,
                                          event_id)
            SELECT timestamptz 'epoch' + us * interval '1 microsecond', topic, code, community, reason, detail, payload,
                   event_id
              FROM unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   AS x(us, topic, code, community, reason, detail, payload, event_id)""";

    static final String ENSURE_PARTITIONS = "SELECT hub_ensure_event_partitions(?::date, ?::date)";

    static final String DEVICE_EVENTS = """
            SELECT event_id, type, event_time, received_at, data::text FROM event
             WHERE device_code = ? AND event_time >= ? AND event_time < ?
             ORDER BY event_time DESC LIMIT ?""";

    static final String REJECTS = """
            SELECT received_at, topic, device_code, reason, detail, payload, event_id FROM rejected_message
             WHERE (?::text IS NULL OR device_code = ?) AND (?::text IS NULL OR community_code = ?)
             ORDER BY received_at DESC LIMIT ?""";

    // ------------------------------------------------------------------ alerts
    /**
     * The advisory locks of a batch's correlation keys ({@code text[]}, sorted and distinct: every writer takes them
     * in one order, so two batches cannot deadlock), one statement. Taken before {@link #ALERT_RAISE} and
     * {@link #ALERT_RESET}, whose snapshot then sees whatever another instance committed under the same lock.
     */
    static final String ALERT_LOCKS = "SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(?::text[]) AS t(k)";

    /**
     * Folds an event into the open alert of its rule and key (when both the hub's receipt time and the event's own
     * time lie within the correlation window of that alert) or opens one; records the source event; returns the
     * alert as changed ({@link AlertSql#COLUMNS}); its change notice is the caller's
     * ({@link ChangePublisher#publishAll}). One statement, the key's lock held ({@link #ALERT_LOCKS}). Parameters: rule,
     * key, received, window s, source time, source time, window s, window s (the find); event id, received, source
     * time (the fold); rule, key, kind, severity, device, building, compound, community, floor, lon, lat, received,
     * received, event id, source time (the open); device, event id, source time, rule, source time (the source row).
     * <p>A guard may resolve the found alert between this statement's snapshot and its update (resolving takes no
     * alert lock): the update re-checks {@code status} on the newest row version and then changes nothing, the
     * statement returns no row, and {@link AlertWriter#raise} fails the batch as transient; its retry opens a new alert
     * (CommittedAlertsIT).
     */
    static final String ALERT_RAISE = """
            WITH found AS (
                SELECT id FROM alert WHERE rule = ? AND correlation_key = ? AND status <> 'resolved'
                   AND last_event_at >= ?::timestamptz - make_interval(secs => ?::double precision)
                   AND (?::timestamptz IS NULL OR last_source_time IS NULL
                        OR ?::timestamptz BETWEEN last_source_time - make_interval(secs => ?::double precision)
                                              AND last_source_time + make_interval(secs => ?::double precision))
                 ORDER BY id DESC LIMIT 1),
            folded AS (
                UPDATE alert SET count = count + 1,
                                 event_ids = CASE WHEN cardinality(event_ids) < 100 THEN event_ids || ?::text
                                                  ELSE event_ids END,
                                 last_event_at = GREATEST(last_event_at, ?::timestamptz),
                                 last_source_time = GREATEST(last_source_time, ?::timestamptz),
                                 change_seq = nextval('alert_change_seq')
                 WHERE id = (SELECT id FROM found) AND status <> 'resolved'
                RETURNING *),
            opened AS (
                INSERT INTO alert (rule, correlation_key, kind, severity, device_code, building_code, compound_code,
                                   community_code, floor, lon, lat, opened_at, last_event_at, event_ids,
                                   last_source_time)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?::int, ?::double precision, ?::double precision, ?::timestamptz,
                       ?::timestamptz, ARRAY[?::text], ?::timestamptz
                 WHERE NOT EXISTS (SELECT 1 FROM found)
                RETURNING *),
            changed AS (SELECT * FROM folded UNION ALL SELECT * FROM opened),
            source AS (
                INSERT INTO alert_source (device_code, event_id, event_time, rule, alert_id)
                SELECT ?, ?, ?::timestamptz, ?, id FROM changed WHERE ?::timestamptz IS NOT NULL
                ON CONFLICT DO NOTHING)
            SELECT\s""" + AlertSql.COLUMNS + " FROM changed a";

    /**
     * Records a reset on the open alerts of a rule and key and returns them as changed ({@link AlertSql#COLUMNS}); the
     * key's lock held ({@link #ALERT_LOCKS}). Parameters: reset time, rule, key.
     */
    static final String ALERT_RESET = """
            WITH changed AS (
                UPDATE alert SET reset_at = ?, change_seq = nextval('alert_change_seq')
                 WHERE rule = ? AND correlation_key = ? AND status <> 'resolved'
                RETURNING *)
            SELECT\s""" + AlertSql.COLUMNS + " FROM changed a ORDER BY a.change_seq";

    // ------------------------------------------------------------------ incident context
    static final String INCIDENT_PLACES = """
            SELECT c.code, c.name, q.code, q.name, b.code, b.name, b.floors
              FROM community c
              LEFT JOIN compound q ON q.code = ?
              LEFT JOIN building b ON b.code = ?
             WHERE c.code = ?""";

    // ------------------------------------------------------------------ retention
    /** Daily partitions of the event table, with the day they hold. */
    static final String EVENT_PARTITIONS = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'event'::regclass AND c.relname ~ '^event_p[0-9]{8}$'""";

    /** True when the event table is a TimescaleDB hypertable (a plain table; native ones are partitioned). */
    static final String EVENT_IS_HYPERTABLE = "SELECT relkind = 'r' FROM pg_class WHERE oid = 'event'::regclass";

    /** The hypertable's chunks that end before the given time are dropped; their names are returned. */
    static final String DROP_CHUNKS = "SELECT drop_chunks('event', older_than => ?::timestamptz)";

    static final String PURGE_CLASS = "DELETE FROM event WHERE event_class = ? AND event_time < ?";

    static final String PURGE_REJECTS = "DELETE FROM rejected_message WHERE received_at < ?";

    // ------------------------------------------------------------------ overview and statistics
    static final String OVERVIEW_COMMUNITIES = "SELECT code, name FROM community WHERE ?::text IS NULL OR code = ? ORDER BY code";

    static final String OVERVIEW_OPEN_ALERTS = """
            SELECT community_code, severity, count(*) FROM alert
             WHERE status <> 'resolved' AND (?::text IS NULL OR community_code = ?)
             GROUP BY community_code, severity""";

    static final String OVERVIEW_DEVICES = """
            SELECT d.community_code, count(*), count(*) FILTER (WHERE s.status = 'online')
              FROM device d LEFT JOIN device_state s ON s.device_code = d.code
             WHERE ?::text IS NULL OR d.community_code = ?
             GROUP BY d.community_code""";

    /** Counts per community, type and bucket; {@code date_bin} works the same on partitions and hypertables. */
    static final String EVENT_COUNTS = """
            SELECT community_code, type, date_bin(make_interval(secs => ?::double precision), event_time,
                                                  TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, count(*)
              FROM event
             WHERE event_time >= ? AND event_time < ? AND (?::text IS NULL OR community_code = ?)
             GROUP BY 1, 2, 3 ORDER BY 3, 1, 2""";

    // ------------------------------------------------------------------ privacy (PIPL)
    static final String PERSON_EVENTS = """
            SELECT device_code, event_id, type, event_time, received_at, data::text FROM event
             WHERE person_ref = ? ORDER BY event_time""";

    static final String PERSON_ERASE = """
            DELETE FROM event WHERE person_ref = ? RETURNING device_code, event_id""";

    static final String PERSON_PSEUDONYMISE_ALERTS = """
            UPDATE alert a SET event_ids = array_replace(a.event_ids, ?, 'erased'),
                               change_seq = nextval('alert_change_seq')
             WHERE a.device_code = ? AND ? = ANY (a.event_ids)""";

    static final String PERSON_PSEUDONYMISE_SOURCES = """
            UPDATE alert_source SET event_id = 'erased-' || md5(event_id || device_code)
             WHERE device_code = ? AND event_id = ?""";

    static final String AUDIT_LIST = """
            SELECT id, at, actor, action, object_type, object_id, community, detail, remote FROM audit_log
             WHERE (?::text IS NULL OR object_type = ?) AND (?::text IS NULL OR object_id = ?)
             ORDER BY id DESC LIMIT ?""";

    static final String PLACE_COMMUNITY = """
            SELECT q.community_code FROM compound q WHERE q.code = ?
            UNION ALL
            SELECT q.community_code FROM building b JOIN compound q ON q.code = b.compound_code WHERE b.code = ?""";

    static final String SET_INSTALL_STATE = "UPDATE device SET install_state = ?, updated_at = now() WHERE code = ?";
}
