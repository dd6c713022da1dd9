package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.device.DeviceDirectory;
import org.communityhub.gateway.device.RegisteredDevice;

/**
 * The device registry from the {@code device} table, with a read-through cache: a known device
 * is cached for {@link #HIT_TTL}, an unknown code for {@link #MISS_TTL} (so a flood from an
 * unregistered sender costs one query per few seconds). {@link #invalidate()} is called when an
 * import or the registry API changes devices. Thread-safe.
 */
public final class PostgisDeviceDirectory implements DeviceDirectory {

    static final Duration HIT_TTL = Duration.ofMinutes(5);
    static final Duration MISS_TTL = Duration.ofSeconds(5);

    private record Entry(Optional<RegisteredDevice> device, Instant expires) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public PostgisDeviceDirectory(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<RegisteredDevice> find(String code) {
        Instant now = clock.instant();
        Entry e = cache.get(code);
        if (e != null && e.expires().isAfter(now)) {
            return e.device();
        }
        Optional<RegisteredDevice> device = load(code);
        cache.put(code, new Entry(device, now.plus(device.isPresent() ? HIT_TTL : MISS_TTL)));
        return device;
    }

    @Override
    public void invalidate() {
        cache.clear();
    }

    private Optional<RegisteredDevice> load(String code) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(GatewaySql.DEVICE_BY_CODE)) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("device registry unavailable: " + e.getMessage(), e);
        }
    }

    /** Columns 1–9 as in {@link GatewaySql#DEVICE_BY_CODE}, column 10 the install state. */
    static RegisteredDevice read(ResultSet rs) throws SQLException {
        int floor = rs.getInt(7);
        Integer f = rs.wasNull() ? null : floor;
        return new RegisteredDevice(rs.getString(1), rs.getString(2), DeviceType.fromCode(rs.getString(3)).orElseThrow(),
                rs.getString(4), rs.getString(5), rs.getString(6), f, rs.getDouble(8), rs.getDouble(9),
                "retired".equals(rs.getString(10)));
    }
}
