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

/**
 * MQTT logins of registered devices, as hub-contract's {@link DeviceCredentials} (the line
 * {@code ./hub device credentials} prints). A device's password is derived, not stored:
 * HMAC-SHA256(installation key, code ":" rotation), so it can be printed again on request and
 * replaced by bumping the rotation ({@code --rotate}). The broker holds only a hash of it.
 * Thread-safe.
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
            try (PreparedStatement ps = c.prepareStatement(UserSql.CREDENTIAL_ROTATION)) {
                ps.setString(1, code);
                ps.setBoolean(2, rotate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            return all(c).stream().filter(cr -> cr.code().equals(code)).findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device credentials: " + e.getMessage(), e);
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
