package org.communityhub.gateway.postgis;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Per-installation secrets kept in the database, generated from {@link SecureRandom} the first
 * time they are asked for; every gateway instance of the installation reads the same value.
 * Never logged. Thread-safe.
 */
public final class InstallationSecrets {

    /** Signs login tokens. */
    public static final String TOKEN_KEY = "token-signing-key";
    /** Derives device MQTT passwords. */
    public static final String DEVICE_KEY = "device-credential-key";
    /** Hashes erased person references (the erasure tombstone) and pseudonymises them in the audit log. */
    public static final String PERSON_KEY = "person-erasure-key";

    /** Encrypts the notification channels' URLs and secrets at rest (AES-GCM, {@link SecretBox}). */
    public static final String CHANNEL_KEY = "channel-secret-key";

    private final DataSource dataSource;

    public InstallationSecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public byte[] getOrCreate(String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(UserSql.SECRET_INSERT)) {
                ps.setString(1, name);
                ps.setBytes(2, fresh);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(UserSql.SECRET_SELECT)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the installation secret '" + name + "': " + e.getMessage(), e);
        }
    }
}
