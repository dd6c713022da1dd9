package org.communityhub.gateway.postgis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.device.DeviceLogin;
import org.communityhub.gateway.device.DevicePasswords;
import org.communityhub.gateway.device.EmqxPasswords;

/**
 * MQTT logins of registered devices, as hub-contract's {@link DeviceCredentials} (the line
 * {@code ./hub device credentials} prints). A device's password is derived, not stored:
 * HMAC-SHA256(installation key, code ":" rotation), so it can be printed again on request and
 * replaced by bumping the rotation ({@code --rotate}). PostgreSQL keeps a hash of it in Mosquitto's format
 * ({@link DevicePasswords}), from which the hub renders the broker's files ({@link #logins()}), and one in the form
 * EMQX verifies ({@link EmqxPasswords}, read by EMQX through the views of V310); a broker holds or reads only
 * hashes. Thread-safe.
 */
public final class PostgisDeviceCredentials {

    private final DataSource dataSource;
    private final byte[] key;

    public PostgisDeviceCredentials(DataSource dataSource, byte[] key) {
        this.dataSource = dataSource;
        this.key = key.clone();
    }

    /** The device's login (created on first call, replaced when {@code rotate}); empty if not registered or retired. */
    public Optional<DeviceCredentials> get(String code, boolean rotate) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.exists(c, UserSql.CREDENTIAL_ROTATION, code, rotate) ? credentials(c, code) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device credentials: " + e.getMessage(), e);
        }
    }

    /**
     * Issues the login of a device in service (created on first call, replaced when {@code rotate}) and records who
     * issued it; with {@code provisioningSeconds > 0} its QR code may be fetched once within that time
     * ({@link #takeProvisioning}). Empty when the device is not registered or retired.
     */
    public Optional<DeviceCredentials> issue(String code, boolean rotate, String actor, int provisioningSeconds) {
        try (Connection c = dataSource.getConnection()) {
            int rotation;
            try (PreparedStatement ps = c.prepareStatement(DeviceLoginSql.ISSUE)) {
                ps.setString(1, actor);
                ps.setString(2, code);
                ps.setBoolean(3, rotate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    rotation = rs.getInt(1);
                }
            }
            hashStale(c);
            if (provisioningSeconds > 0) {
                try (PreparedStatement ps = c.prepareStatement(DeviceLoginSql.OFFER_PROVISIONING)) {
                    ps.setString(1, code);
                    ps.setInt(2, rotation);
                    ps.setInt(3, provisioningSeconds);
                    ps.executeUpdate();
                }
            }
            return credentials(c, code);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot issue device credentials: " + e.getMessage(), e);
        }
    }

    /** Gives every device in service a login unless it has one ({@code ./hub device credentials --all}). */
    public void issueAll(String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DeviceLoginSql.ISSUE_ALL)) {
            ps.setString(1, actor);
            ps.executeUpdate();
            hashStale(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot issue device credentials: " + e.getMessage(), e);
        }
    }

    /** The pending provisioning of {@code code}, consumed: its login when issued within the time given, else empty. */
    public Optional<DeviceCredentials> takeProvisioning(String code) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.exists(c, DeviceLoginSql.TAKE_PROVISIONING, code) ? credentials(c, code) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device credentials: " + e.getMessage(), e);
        }
    }

    /**
     * Every issued login of a device in service, with its password hash: what the broker must accept (the
     * single source of device logins). Hashes missing or of an older rotation are computed first.
     */
    public List<DeviceLogin> logins() {
        try (Connection c = dataSource.getConnection()) {
            hashStale(c);
            List<DeviceLogin> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DeviceLoginSql.LOGINS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device logins: " + e.getMessage(), e);
        }
    }

    /**
     * Hashes every login whose hash is missing, of an older rotation or without its EMQX form (both forms, see
     * {@link EmqxPasswords}): what the views {@code emqx_device_login}/{@code emqx_device_acl} need when no
     * Mosquitto files are rendered. One query when nothing is stale; otherwise two PBKDF2s (1,000 and 101 rounds) a login.
     */
    public void refreshHashes() {
        try (Connection c = dataSource.getConnection()) {
            hashStale(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hash device logins: " + e.getMessage(), e);
        }
    }

    private void hashStale(Connection c) throws SQLException {
        List<String> codes = new ArrayList<>();
        List<Integer> rotations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DeviceLoginSql.STALE_HASHES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                codes.add(rs.getString(1));
                rotations.add(rs.getInt(2));
            }
        }
        if (codes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(DeviceLoginSql.SET_HASH)) {
            for (int i = 0; i < codes.size(); i++) {
                String password = password(codes.get(i), rotations.get(i));
                EmqxPasswords.Hash emqx = EmqxPasswords.hash(password);
                ps.setString(1, DevicePasswords.hash(password));
                ps.setInt(2, rotations.get(i));
                ps.setString(3, emqx.passwordHash());
                ps.setString(4, emqx.salt());
                ps.setInt(5, emqx.iterations());
                ps.setString(6, codes.get(i));
                ps.setInt(7, rotations.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether {@code code} is a registered device that was retired (it has no login any more). */
    public boolean retired(String code) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UserSql.DEVICE_RETIRED)) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device credentials: " + e.getMessage(), e);
        }
    }

    /** The login of {@code code} among {@link #all(Connection)}, if it has one. */
    private Optional<DeviceCredentials> credentials(Connection c, String code) throws SQLException {
        return all(c).stream().filter(cr -> cr.code().equals(code)).findFirst();
    }

    /** Every login of a registered device in service (retired devices have none), by code. */
    public List<DeviceCredentials> all() {
        try (Connection c = dataSource.getConnection()) {
            return all(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device credentials: " + e.getMessage(), e);
        }
    }

    private List<DeviceCredentials> all(Connection c) throws SQLException {
        List<DeviceCredentials> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UserSql.ALL_DEVICES_FOR_CREDENTIALS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1);
                out.add(new DeviceCredentials(code, password(code, rs.getInt(4)), rs.getString(2),
                        DeviceType.of(rs.getString(3)), rs.getString(5), rs.getString(6)));
            }
        }
        return out;
    }

    private String password(String code, int rotation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((code + ":" + rotation).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
