package org.communityhub.gateway.postgis;

/** Statements for logins, installation secrets, device credentials and the audit log. */
final class UserSql {

    private UserSql() {
    }

    static final String FIND = """
            SELECT username, password_hash, role, community_code, failed_logins, locked_until
              FROM hub_user WHERE username = ?""";

    static final String LIST = """
            SELECT username, password_hash, role, community_code, failed_logins, locked_until
              FROM hub_user ORDER BY username""";

    static final String UPSERT = """
            INSERT INTO hub_user (username, password_hash, role, community_code) VALUES (?, ?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
                   community_code = EXCLUDED.community_code, failed_logins = 0, locked_until = NULL, updated_at = now()""";

    static final String DELETE = "DELETE FROM hub_user WHERE username = ?";

    static final String FAILURE = """
            UPDATE hub_user SET failed_logins = failed_logins + 1,
                   locked_until = CASE WHEN failed_logins + 1 >= ? THEN now() + make_interval(secs => ?::double precision)
                                       ELSE locked_until END
             WHERE username = ?""";

    static final String SUCCESS = "UPDATE hub_user SET failed_logins = 0, locked_until = NULL WHERE username = ?";

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
