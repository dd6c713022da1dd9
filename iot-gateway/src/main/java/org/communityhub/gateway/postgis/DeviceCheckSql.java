package org.communityhub.gateway.postgis;

/** SQL of the installer's acceptance check (issue 18). */
final class DeviceCheckSql {

    private DeviceCheckSql() {
    }

    static final String START = """
            INSERT INTO device_check (device_code, started_at, started_by, deadline, steps)
            VALUES (?, now(), ?, now() + ? * interval '1 second', ?)
            ON CONFLICT (device_code) DO UPDATE SET started_at = EXCLUDED.started_at, started_by = EXCLUDED.started_by,
                deadline = EXCLUDED.deadline, result = 'waiting', cause = NULL, steps = EXCLUDED.steps, finished_at = NULL""";

    /** started_by, result, cause, steps, started_at, whether the deadline passed. */
    static final String CURRENT = """
            SELECT started_by, result, cause, steps, started_at, now() > deadline FROM device_check WHERE device_code = ?""";

    /** Whether the device shows online now or changed its status since (?) the check started. */
    static final String ONLINE = """
            SELECT status = 'online' OR status_changed_at >= ? FROM device_state WHERE device_code = ?""";

    /** The id of a stored check- event of the device received since the check started (5 s of clock slack). */
    static final String CHECK_EVENT = """
            SELECT event_id FROM event
             WHERE device_code = ? AND event_time >= ?::timestamptz - interval '1 day'
               AND received_at >= ?::timestamptz - interval '5 seconds'
               AND event_id LIKE 'check-%'
             ORDER BY received_at DESC LIMIT 1""";

    /** The reason and event id of the latest rejected check- message of the device since the check started. */
    static final String CHECK_REJECT = """
            SELECT reason, event_id FROM rejected_message
             WHERE device_code = ? AND received_at >= ?::timestamptz - interval '5 seconds' AND event_id LIKE 'check-%'
             ORDER BY id DESC LIMIT 1""";

    static final String FINISH = """
            UPDATE device_check SET result = ?, cause = ?, steps = ?, finished_at = now()
             WHERE device_code = ? AND result = 'waiting' AND started_at = ?""";

    static final String MARK_TESTED = """
            UPDATE device SET install_state = 'tested', tested_by = ?, tested_at = now()
             WHERE code = ? AND install_state <> 'retired'""";
}
