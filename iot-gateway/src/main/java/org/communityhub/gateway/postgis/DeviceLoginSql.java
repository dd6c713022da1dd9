package org.communityhub.gateway.postgis;

/** SQL of the device logins the hub owns (issue 18): hashes, issuing, the one-time provisioning QR code. */
final class DeviceLoginSql {

    private DeviceLoginSql() {
    }

    /** Creates the login of a device in service, or bumps its rotation (2: rotate); its new rotation. */
    static final String ISSUE = """
            INSERT INTO device_credential (device_code, issued_at, issued_by)
            SELECT code, now(), ? FROM device WHERE code = ? AND install_state <> 'retired'
            ON CONFLICT (device_code) DO UPDATE
               SET rotation = device_credential.rotation + CASE WHEN ? THEN 1 ELSE 0 END,
                   issued_at = now(), issued_by = EXCLUDED.issued_by
            RETURNING rotation""";

    /** Gives every device in service a login (rotation 0) unless it has one. */
    static final String ISSUE_ALL = """
            INSERT INTO device_credential (device_code, issued_at, issued_by)
            SELECT code, now(), ? FROM device WHERE install_state <> 'retired'
            ON CONFLICT (device_code) DO NOTHING""";

    /**
     * Logins whose hash is missing, of an older rotation, or without its EMQX form (hashed before V310): code,
     * rotation.
     */
    static final String STALE_HASHES = """
            SELECT device_code, rotation FROM device_credential
             WHERE password_hash IS NULL OR hashed_rotation IS DISTINCT FROM rotation OR emqx_password_hash IS NULL""";

    /** Both forms of a login's hash (Mosquitto's, EMQX's) for the rotation they were made from. */
    static final String SET_HASH = """
            UPDATE device_credential
               SET password_hash = ?, hashed_rotation = ?, emqx_password_hash = ?, emqx_salt = ?, emqx_iterations = ?
             WHERE device_code = ? AND rotation = ?""";

    /** Every issued login of a device in service: code, hash, community, type. */
    static final String LOGINS = """
            SELECT d.code, c.password_hash, d.community_code, d.type
              FROM device_credential c JOIN device d ON d.code = c.device_code
             WHERE d.install_state <> 'retired' AND c.password_hash IS NOT NULL AND c.hashed_rotation = c.rotation
             ORDER BY d.code""";

    static final String OFFER_PROVISIONING = """
            INSERT INTO device_provisioning (device_code, rotation, expires_at) VALUES (?, ?, now() + ? * interval '1 second')
            ON CONFLICT (device_code) DO UPDATE SET rotation = EXCLUDED.rotation, expires_at = EXCLUDED.expires_at""";

    /** Consumes the pending provisioning of a device: its rotation when still valid and current. */
    static final String TAKE_PROVISIONING = """
            WITH taken AS (DELETE FROM device_provisioning WHERE device_code = ? RETURNING device_code, rotation, expires_at)
            SELECT t.rotation FROM taken t JOIN device_credential c ON c.device_code = t.device_code
             WHERE t.expires_at > now() AND c.rotation = t.rotation""";
}
