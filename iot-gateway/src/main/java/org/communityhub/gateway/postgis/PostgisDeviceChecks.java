package org.communityhub.gateway.postgis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.communityhub.gateway.device.DeviceChecks;

/**
 * {@link DeviceChecks} in PostgreSQL: a check is one {@code device_check} row; {@link #current} evaluates a waiting
 * one against {@code device_state}, {@code event} and {@code rejected_message} (index lookups by device) and stores
 * the verdict once (a conditional update, so concurrent readers on several instances agree). Thread-safe.
 */
public final class PostgisDeviceChecks implements DeviceChecks {

    private final DataSource dataSource;

    public PostgisDeviceChecks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Check start(String code, String actor) {
        List<String> steps = List.of("check started by " + actor + ": waiting up to " + WINDOW_SECONDS
                + " s for the device to show online and to send an event whose id starts with check-");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DeviceCheckSql.START)) {
            ps.setString(1, code);
            ps.setString(2, actor);
            ps.setInt(3, WINDOW_SECONDS);
            ps.setArray(4, c.createArrayOf("text", steps.toArray()));
            ps.executeUpdate();
            return new Check("waiting", null, steps, actor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the device check: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Check> current(String code) {
        try (Connection c = dataSource.getConnection()) {
            String startedBy;
            String result;
            String cause;
            List<String> steps;
            Timestamp started;
            boolean late;
            try (PreparedStatement ps = c.prepareStatement(DeviceCheckSql.CURRENT)) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    startedBy = rs.getString(1);
                    result = rs.getString(2);
                    cause = rs.getString(3);
                    steps = new ArrayList<>(Arrays.asList((String[]) rs.getArray(4).getArray()));
                    started = rs.getTimestamp(5);
                    late = rs.getBoolean(6);
                }
            }
            if (!"waiting".equals(result)) {
                return Optional.of(new Check(result, cause, steps, startedBy));
            }
            return Optional.of(evaluate(c, code, startedBy, steps, started, late));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the device check: " + e.getMessage(), e);
        }
    }

    private Check evaluate(Connection c, String code, String startedBy, List<String> steps, Timestamp started,
                           boolean late) throws SQLException {
        boolean online = first(c, DeviceCheckSql.ONLINE, started, code).map("t"::equals).orElse(false);
        Optional<String> event = first(c, DeviceCheckSql.CHECK_EVENT, code, started, started);
        String[] reject = null;
        try (PreparedStatement ps = c.prepareStatement(DeviceCheckSql.CHECK_REJECT)) {
            ps.setString(1, code);
            ps.setTimestamp(2, started);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    reject = new String[] {rs.getString(1), rs.getString(2)};
                }
            }
        }
        steps.add(online ? "the device shows online" : "the device does not show online (yet): is it connected to the broker?");
        if (reject != null) {
            steps.add("its check event " + reject[1] + " was rejected: " + reject[0]);
        } else if (event.isPresent()) {
            steps.add("its check event " + event.get() + " is stored");
        } else {
            steps.add("no event whose id starts with check- is stored (yet)");
        }
        String result;
        String cause = null;
        if (reject != null) { // any rejected check- message fails the check, even when another one was stored
            result = "fail";
            cause = reject[0];
        } else if (event.isPresent() && online) {
            result = "pass";
        } else if (late) {
            result = "fail";
            cause = event.isPresent() ? "not_online" : "not_stored";
        } else {
            return new Check("waiting", null, steps, startedBy);
        }
        try (PreparedStatement ps = c.prepareStatement(DeviceCheckSql.FINISH)) {
            ps.setString(1, result);
            ps.setString(2, cause);
            Array array = c.createArrayOf("text", steps.toArray());
            ps.setArray(3, array);
            ps.setString(4, code);
            ps.setTimestamp(5, started);
            if (ps.executeUpdate() == 1 && "pass".equals(result)) {
                try (PreparedStatement mark = c.prepareStatement(DeviceCheckSql.MARK_TESTED)) {
                    mark.setString(1, startedBy);
                    mark.setString(2, code);
                    mark.executeUpdate();
                }
            }
        }
        return new Check(result, cause, steps, startedBy);
    }

    private static Optional<String> first(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
