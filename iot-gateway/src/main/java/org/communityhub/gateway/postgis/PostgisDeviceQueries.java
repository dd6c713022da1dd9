package org.communityhub.gateway.postgis;

import static org.communityhub.gateway.postgis.Jdbc.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.device.StoredRejection;
import org.communityhub.gateway.device.UnregisteredDevice;

/** {@link DeviceQueries} on PostgreSQL; each call one query on a pooled connection. Thread-safe. */
public final class PostgisDeviceQueries implements DeviceQueries {

    private final DataSource dataSource;

    public PostgisDeviceQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Override
    public List<DeviceView> devices(String community) {
        return query(GatewaySql.DEVICES_IN_SCOPE, PostgisDeviceQueries::view, community, community);
    }

    @Override
    public Optional<DeviceView> device(String code) {
        return query(GatewaySql.DEVICES_IN_SCOPE.replace("WHERE (?::text IS NULL OR d.community_code = ?)",
                "WHERE d.code = ?"), PostgisDeviceQueries::view, code).stream().findFirst();
    }

    @Override
    public List<StoredEvent> events(String code, Instant from, Instant to, int limit) {
        return query(GatewaySql.DEVICE_EVENTS, rs -> new StoredEvent(rs.getString(1), rs.getString(2), instant(rs, 3),
                instant(rs, 4), rs.getString(5)), code, Timestamp.from(from), Timestamp.from(to), limit);
    }

    @Override
    public List<StoredRejection> rejects(String device, String community, int limit) {
        return query(GatewaySql.REJECTS, rs -> new StoredRejection(instant(rs, 1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), device, device, community, community, limit);
    }

    @Override
    public List<UnregisteredDevice> unregistered(String community) {
        return query(GatewaySql.UNREGISTERED_DEVICES, rs -> new UnregisteredDevice(rs.getString(1), rs.getString(2),
                instant(rs, 3), instant(rs, 4), rs.getLong(5)), community, community);
    }

    @Override
    public Optional<String> communityOf(String building, String compound) {
        return query(GatewaySql.PLACE_COMMUNITY, rs -> rs.getString(1), compound, building).stream().findFirst();
    }

    @Override
    public boolean setInstallState(String code, String state) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(GatewaySql.SET_INSTALL_STATE)) {
            ps.setString(1, state);
            ps.setString(2, code);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("device store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean setTestMode(String code, Instant until) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(GatewaySql.SET_TEST_MODE)) {
            ps.setTimestamp(1, until == null ? null : Timestamp.from(until));
            ps.setString(2, code);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("device store unavailable: " + e.getMessage(), e);
        }
    }

    private static DeviceView view(ResultSet rs) throws SQLException {
        String status = rs.getString(11);
        return new DeviceView(PostgisDeviceDirectory.read(rs), rs.getString(10), status == null ? "never_seen" : status,
                instant(rs, 12), instant(rs, 13));
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("device store unavailable: " + e.getMessage(), e);
        }
    }
}
