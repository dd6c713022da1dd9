package org.communityhub.gateway.postgis;

/** Statements for logins, installation secrets, device credentials and the audit log. */
final class UserSql {

    private UserSql() {
    }

    private static final String USER_COLUMNS =
            "username, password_hash, role, community_code, failed_logins, locked_until, token_version";

    static final String FIND = "SELECT " + USER_COLUMNS + " FROM hub_user WHERE username = ?";

    static final String FIND_ALL = "SELECT " + USER_COLUMNS + " FROM hub_user WHERE username = ANY (?)";

    static final String LIST = "SELECT " + USER_COLUMNS + " FROM hub_user ORDER BY username";

    static final String UPSERT = """
            INSERT INTO hub_user (username, password_hash, role, community_code) VALUES (?, ?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
                   community_code = EXCLUDED.community_code, failed_logins = 0, failed_since = NULL, locked_until = NULL,
                   token_version = hub_user.token_version + 1, updated_at = now()""";

    static final String GRIDS_CLEAR = "DELETE FROM user_grid WHERE username = ?";

    static final String GRIDS_ADD = "INSERT INTO user_grid (username, grid_code) VALUES (?, ?)";

    static final String GRIDS_OF = "SELECT grid_code FROM user_grid WHERE username = ? ORDER BY grid_code";

    static final String GRID_COMMUNITIES = "SELECT code, community_code FROM grid WHERE code = ANY (?)";

    static final String DELETE = "DELETE FROM hub_user WHERE username = ?";

    /**
     * A failed password at {@code at}: a fresh count (1, window from {@code at}) when there was none, the window
     * has passed or a lock has ended; else one more. Reaching {@code lock_after} locks until {@code at + lock_for};
     * an ended lock is cleared. Parameters: at, window seconds, lock_after, lock_for seconds, username.
     */
    static final String FAILURE = """
            UPDATE hub_user u
               SET failed_logins = n.failures,
                   failed_since = CASE WHEN n.fresh THEN n.at ELSE u.failed_since END,
                   locked_until = CASE WHEN n.failures >= n.lock_after THEN n.at + n.lock_for
                                       WHEN u.locked_until > n.at THEN u.locked_until END
              FROM (SELECT h.username, p.at, p.lock_after, p.lock_for, f.fresh,
                           CASE WHEN f.fresh THEN 1 ELSE h.failed_logins + 1 END AS failures
                      FROM hub_user h
                     CROSS JOIN (SELECT ?::timestamptz AS at, make_interval(secs => ?::double precision) AS win,
                                        ?::integer AS lock_after, make_interval(secs => ?::double precision) AS lock_for) p
                     CROSS JOIN LATERAL (SELECT h.failed_since IS NULL OR h.failed_since <= p.at - p.win
                                                OR COALESCE(h.locked_until <= p.at, false) AS fresh) f
                     WHERE h.username = ?) n
             WHERE u.username = n.username""";

    static final String SUCCESS =
            "UPDATE hub_user SET failed_logins = 0, failed_since = NULL, locked_until = NULL WHERE username = ?";

    static final String SECRET_INSERT = "INSERT INTO installation_secret (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING";

    static final String SECRET_SELECT = "SELECT value FROM installation_secret WHERE name = ?";

    static final String CREDENTIAL_ROTATION = """
            INSERT INTO device_credential (device_code) SELECT code FROM device WHERE code = ?
            ON CONFLICT (device_code) DO UPDATE SET rotation = device_credential.rotation + CASE WHEN ? THEN 1 ELSE 0 END
            RETURNING rotation""";

    static final String ALL_DEVICES_FOR_CREDENTIALS = """
            SELECT d.code, d.community_code, d.type, COALESCE(c.rotation, 0), d.building_code,
                   COALESCE(d.compound_code, b.compound_code)
              FROM device d LEFT JOIN device_credential c ON c.device_code = d.code
              LEFT JOIN building b ON b.code = d.building_code
             WHERE d.install_state <> 'retired'
             ORDER BY d.code""";

    static final String DEVICE_RETIRED = "SELECT install_state = 'retired' FROM device WHERE code = ?";

    static final String AUDIT = AlertSql.AUDIT;
}
