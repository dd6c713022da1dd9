package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.communityhub.gateway.alert.AlertRule;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.device.RegisteredDevice;

/**
 * Opens, folds and resets alerts inside the caller's transaction. A transaction-scoped advisory
 * lock per (rule, key) serialises gateway instances, so two instances never open two alerts for
 * one incident; callers take keys in sorted order to avoid deadlocks. Remembers the alerts it changed
 * ({@link #changed}). Not thread-safe: one per transaction.
 */
final class AlertWriter {

    private final Duration window;
    private final Set<Long> changed = new LinkedHashSet<>();

    AlertWriter(Duration window) {
        this.window = window;
    }

    /**
     * Opens an alert or folds the event into the open one with the same rule and key, when both the
     * hub's receipt time and the event's own time lie within the correlation window of that alert (so a
     * replayed alarm from long ago never joins today's incident).
     *
     * @param sourceTime the source event's time, or null for a synthetic cause (device offline)
     * @return the alert's id
     */
    long raise(Connection c, AlertRule rule, String key, RegisteredDevice device, Integer floor, String eventId,
               Instant at, Instant sourceTime) throws SQLException {
        lock(c, rule, key);
        Long existing = null;
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_FIND_OPEN)) {
            ps.setString(1, rule.code());
            ps.setString(2, key);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, window.toSeconds());
            Timestamp source = sourceTime == null ? null : Timestamp.from(sourceTime);
            ps.setTimestamp(5, source);
            ps.setTimestamp(6, source);
            ps.setLong(7, window.toSeconds());
            ps.setLong(8, window.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    existing = rs.getLong(1);
                }
            }
        }
        long id = existing != null ? fold(c, existing, eventId, at, sourceTime)
                : open(c, rule, key, device, floor, eventId, at, sourceTime);
        if (sourceTime != null) {
            try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_SOURCE)) {
                ps.setString(1, device.code());
                ps.setString(2, eventId);
                ps.setTimestamp(3, Timestamp.from(sourceTime));
                ps.setString(4, rule.code());
                ps.setLong(5, id);
                ps.executeUpdate();
            }
        }
        ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
        changed.add(id);
        return id;
    }

    /** The ids of the alerts this writer opened, folded into or reset so far, in the order first changed. */
    Set<Long> changed() {
        return changed;
    }

    /** Records a reset (e.g. {@code fire.reset}) on the open alert, if there is one. */
    int recordReset(Connection c, AlertRule rule, String key, Instant at) throws SQLException {
        lock(c, rule, key);
        int resets = 0;
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_RESET)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, rule.code());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
                    changed.add(id);
                    resets++;
                }
            }
        }
        return resets;
    }

    private static void lock(Connection c, AlertRule rule, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_LOCK)) {
            ps.setString(1, rule.code() + "|" + key);
            ps.execute();
        }
    }

    private static long fold(Connection c, long id, String eventId, Instant at, Instant sourceTime)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_FOLD)) {
            ps.setString(1, eventId);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, sourceTime == null ? null : Timestamp.from(sourceTime));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return id;
    }

    private static long open(Connection c, AlertRule rule, String key, RegisteredDevice d, Integer floor,
                             String eventId, Instant at, Instant sourceTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_OPEN)) {
            int i = 1;
            ps.setString(i++, rule.code());
            ps.setString(i++, key);
            ps.setString(i++, rule.kind().code());
            ps.setString(i++, rule.severity().code());
            ps.setString(i++, d.code());
            ps.setString(i++, d.building());
            ps.setString(i++, d.compound());
            ps.setString(i++, d.community());
            Integer f = floor != null ? floor : d.floor();
            if (f == null) {
                ps.setNull(i++, Types.INTEGER);
            } else {
                ps.setInt(i++, f);
            }
            ps.setDouble(i++, d.lon());
            ps.setDouble(i++, d.lat());
            ps.setTimestamp(i++, Timestamp.from(at));
            ps.setTimestamp(i++, Timestamp.from(at));
            ps.setString(i++, eventId);
            ps.setTimestamp(i, sourceTime == null ? null : Timestamp.from(sourceTime));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
