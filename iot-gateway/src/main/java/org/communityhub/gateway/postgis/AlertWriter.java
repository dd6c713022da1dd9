package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertRule;
import org.communityhub.gateway.device.RegisteredDevice;

/**
 * Opens, folds and resets alerts inside the caller's transaction. A transaction-scoped advisory
 * lock per (rule, key) serialises gateway instances, so two instances never open two alerts for
 * one incident: the caller takes the locks of all its keys first, in one statement ({@link #lock}), then raises
 * or resets each with one statement that also records the source event and returns the alert as changed, so no
 * statement reads it back. Remembers the alerts it changed, each in its newest state ({@link #changed}); their change
 * notices are the caller's to send ({@link ChangePublisher#publishAll}, once per transaction). Cost: one round trip
 * per raise or reset plus one for the locks. Not thread-safe: one per transaction.
 */
final class AlertWriter {

    private final Duration window;
    private final Map<Long, Alert> changed = new LinkedHashMap<>();

    AlertWriter(Duration window) {
        this.window = window;
    }

    /**
     * Takes the advisory locks of the correlation keys ({@code rule|key}, as {@code AlertAction.lockKey}) for the
     * rest of the transaction: sorted and distinct, in one statement. Nothing when there are none.
     */
    static void lock(Connection c, Collection<String> lockKeys) throws SQLException {
        if (lockKeys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_LOCKS)) {
            ps.setArray(1, c.createArrayOf("text", new TreeSet<>(lockKeys).toArray(String[]::new)));
            ps.execute();
        }
    }

    /** The lock key of a rule and correlation key (as {@code AlertAction.lockKey}). */
    static String lockKey(AlertRule rule, String key) {
        return rule.code() + "|" + key;
    }

    /**
     * Opens an alert or folds the event into the open one with the same rule and key, when both the
     * hub's receipt time and the event's own time lie within the correlation window of that alert (so a
     * replayed alarm from long ago never joins today's incident). The key's lock must be held ({@link #lock}).
     *
     * @param sourceTime the source event's time, or null for a synthetic cause (device offline)
     * @return the alert's id
     */
    long raise(Connection c, AlertRule rule, String key, RegisteredDevice device, Integer floor, String eventId,
               Instant at, Instant sourceTime) throws SQLException {
        Timestamp received = Timestamp.from(at);
        Timestamp source = sourceTime == null ? null : Timestamp.from(sourceTime);
        long seconds = window.toSeconds();
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_RAISE)) {
            int i = 1;
            ps.setString(i++, rule.code()); // the find
            ps.setString(i++, key);
            ps.setTimestamp(i++, received);
            ps.setLong(i++, seconds);
            ps.setTimestamp(i++, source);
            ps.setTimestamp(i++, source);
            ps.setLong(i++, seconds);
            ps.setLong(i++, seconds);
            ps.setString(i++, eventId); // the fold
            ps.setTimestamp(i++, received);
            ps.setTimestamp(i++, source);
            ps.setString(i++, rule.code()); // the open
            ps.setString(i++, key);
            ps.setString(i++, rule.kind().code());
            ps.setString(i++, rule.severity().code());
            ps.setString(i++, device.code());
            ps.setString(i++, device.building());
            ps.setString(i++, device.compound());
            ps.setString(i++, device.community());
            Integer f = floor != null ? floor : device.floor();
            if (f == null) {
                ps.setNull(i++, Types.INTEGER);
            } else {
                ps.setInt(i++, f);
            }
            ps.setDouble(i++, device.lon());
            ps.setDouble(i++, device.lat());
            ps.setTimestamp(i++, received);
            ps.setTimestamp(i++, received);
            ps.setString(i++, eventId);
            ps.setTimestamp(i++, source);
            ps.setString(i++, device.code()); // the source row
            ps.setString(i++, eventId);
            ps.setTimestamp(i++, source);
            ps.setString(i++, rule.code());
            ps.setTimestamp(i, source);
            List<Alert> alerts = read(ps);
            if (alerts.size() != 1) {
                throw new SQLException("raising " + lockKey(rule, key) + " changed " + alerts.size() + " alerts");
            }
            return alerts.get(0).id();
        }
    }

    /** The alerts this writer opened, folded into or reset so far, each as last changed, oldest change first. */
    List<Alert> changed() {
        List<Alert> out = new ArrayList<>(changed.values());
        out.sort(Comparator.comparingLong(Alert::changeSeq));
        return out;
    }

    /** Records a reset (e.g. {@code fire.reset}) on the open alert, if there is one; the key's lock must be held. */
    int recordReset(Connection c, AlertRule rule, String key, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.ALERT_RESET)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, rule.code());
            ps.setString(3, key);
            return read(ps).size();
        }
    }

    /** Runs a statement that returns changed alerts ({@link AlertSql#COLUMNS}) and remembers them. */
    private List<Alert> read(PreparedStatement ps) throws SQLException {
        List<Alert> out = new ArrayList<>(1);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Alert a = PostgisAlertStore.read(rs);
                changed.put(a.id(), a); // a later state replaces an earlier one
                out.add(a);
            }
        }
        return out;
    }
}
