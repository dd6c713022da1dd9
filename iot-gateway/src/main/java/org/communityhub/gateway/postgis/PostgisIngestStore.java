package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertAction;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.change.CommittedAlerts;
import org.communityhub.gateway.device.DeviceDirectory;
import org.communityhub.gateway.device.DeviceLiveness;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.Rejection;
import org.communityhub.gateway.ingest.BatchResult;
import org.communityhub.gateway.ingest.DecidedEvent;
import org.communityhub.gateway.ingest.IngestBatch;
import org.communityhub.gateway.ingest.IngestStore;
import org.communityhub.gateway.ingest.StatusReport;
import org.communityhub.gateway.ingest.UnstorableBatchException;

/**
 * Writes a batch in one transaction: a multi-row insert of events that skips ones already stored
 * (so redeliveries are no-ops), the alerts that the newly stored events raise, rejections, device
 * status. Change notices go out on commit. The statement that raises or resets an alert returns it as changed
 * ({@link AlertWriter}); while this instance's stream has clients ({@link CommittedAlerts#wanted}) those rows are
 * handed to {@link CommittedAlerts} right after the commit, so they reach this instance's stream without waiting for
 * the notice and a lookup on the worker pool (and without reading them back). Cost: a batch's events are one round
 * trip (the erasure lock, the insert with the erasure check, the devices seen: {@link GatewaySql#INGEST_EVENTS}) plus
 * the commit; a fire alarm adds three (the key's lock, raise, the change notices), a batch one per alert-raising
 * event.
 * Thread-safe: each call takes its own connection.
 */
public final class PostgisIngestStore implements IngestStore, DeviceLiveness {

    private final DataSource dataSource;
    private final AlertPolicy policy;
    private final DeviceDirectory directory;
    private final EventBatchInsert eventInsert;
    private final Clock clock;
    private final CommittedAlerts committed;

    /**
     * A store that hands committed alerts to nobody (their change notices still go out).
     *
     * @param policy the alert rules for devices found silent ({@link #sweepSilent}); the actions of events
     *               come decided in the batch
     */
    public PostgisIngestStore(DataSource dataSource, AlertPolicy policy, DeviceDirectory directory, Clock clock) {
        this(dataSource, policy, directory, clock, new CommittedAlerts());
    }

    /** @param committed where the alerts a batch changed go right after its commit */
    public PostgisIngestStore(DataSource dataSource, AlertPolicy policy, DeviceDirectory directory, Clock clock,
                              CommittedAlerts committed) {
        this.committed = committed;
        this.dataSource = dataSource;
        this.policy = policy;
        this.directory = directory;
        this.eventInsert = new EventBatchInsert(new ErasedPersons(dataSource));
        this.clock = clock;
    }

    @Override
    public BatchResult write(IngestBatch batch) throws SQLException, UnstorableBatchException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Alert> changed = new ArrayList<>();
            BatchResult result;
            try {
                result = writeIn(c, batch, changed);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isDataError(e)) {
                    throw new UnstorableBatchException(e.getSQLState() + ": " + e.getMessage(), e);
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
            handOver(changed);
            return result;
        }
    }

    /** The committed {@code alerts} (as their statements returned them) to this instance's stream, when someone listens. */
    private void handOver(List<Alert> alerts) {
        if (!alerts.isEmpty() && committed.wanted()) {
            committed.committed(alerts);
        }
    }

    /** Data errors (classes 22, 23, 42) fail again on retry; everything else is treated as transient. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
    }

    /** Writes the batch; {@code changed} gets the alerts it opened or changed, each as last changed. */
    private BatchResult writeIn(Connection c, IngestBatch batch, List<Alert> changed) throws SQLException {
        List<DecidedEvent> fresh = eventInsert.insert(c, batch.events());
        AlertWriter alerts = new AlertWriter(policy.correlationWindow());
        int alertChanges = 0;
        List<DecidedEvent> raising = new ArrayList<>();
        for (DecidedEvent e : fresh) {
            if (!(e.action() instanceof AlertAction.None)) {
                raising.add(e);
            }
        }
        // Locks are taken in key order so that concurrent batches cannot deadlock.
        raising.sort(Comparator.comparing((DecidedEvent e) -> e.action().lockKey())
                .thenComparing(e -> e.event().receivedAt()));
        AlertWriter.lock(c, raising.stream().map(e -> e.action().lockKey()).toList());
        for (DecidedEvent d : raising) {
            DeviceEvent e = d.event();
            if (d.action() instanceof AlertAction.Raise r) {
                Object floor = e.data().get("floor");
                alerts.raise(c, r.rule(), r.correlationKey(), e.device(), floor instanceof Number n ? n.intValue() : null,
                        e.id(), e.receivedAt(), e.instant());
                alertChanges++;
            } else if (d.action() instanceof AlertAction.RecordReset reset) {
                alertChanges += alerts.recordReset(c, reset.rule(), reset.correlationKey(), e.receivedAt());
            }
        }
        insertRejections(c, batch.rejections());
        alertChanges += writeStatuses(c, batch, alerts);
        changed.addAll(alerts.changed());
        publishChanged(c, alerts);
        return new BatchResult(fresh.size(), batch.events().size() - fresh.size(), alertChanges);
    }

    /**
     * Microseconds since the epoch, the form times are sent in ({@code int8[]}, binary; see
     * {@link GatewaySql#INSERT_EVENTS} for why).
     */
    static Long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private int writeStatuses(Connection c, IngestBatch batch, AlertWriter alerts) throws SQLException {
        Map<String, Instant> online = new LinkedHashMap<>();
        Map<String, Instant> offline = new LinkedHashMap<>();
        for (StatusReport s : batch.statuses()) {
            (s.online() ? online : offline).put(s.deviceCode(), s.at());
            (s.online() ? offline : online).remove(s.deviceCode());
        }
        for (String code : updateState(c, GatewaySql.MARK_SEEN, online)) {
            ChangePublisher.publish(c, new ChangeNotice.DeviceChanged(code));
        }
        int changes = 0;
        for (String code : updateState(c, GatewaySql.MARK_OFFLINE, offline)) {
            ChangePublisher.publish(c, new ChangeNotice.DeviceChanged(code));
            changes += raiseOffline(c, alerts, code, offline.get(code));
        }
        return changes;
    }

    @Override
    public List<String> sweepSilent(java.time.Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> silent = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(GatewaySql.SWEEP_SILENT)) {
                    ps.setLong(1, timeout.toSeconds());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            silent.add(rs.getString(1));
                        }
                    }
                }
                AlertWriter alerts = new AlertWriter(policy.correlationWindow());
                Instant now = clock.instant();
                java.util.Collections.sort(silent);
                for (String code : silent) {
                    ChangePublisher.publish(c, new ChangeNotice.DeviceChanged(code));
                    raiseOffline(c, alerts, code, now);
                }
                publishChanged(c, alerts);
                c.commit();
                return silent;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The change notices of the alerts {@code alerts} changed, sent on commit: one statement for the transaction. */
    private static void publishChanged(Connection c, AlertWriter alerts) throws SQLException {
        ChangePublisher.publishAll(c, alerts.changed().stream().map(a -> new ChangeNotice.AlertChanged(a.id())).toList());
    }

    /** Raises the maintenance alert for a device that went offline; 1 when raised. */
    int raiseOffline(Connection c, AlertWriter alerts, String code, Instant at) throws SQLException {
        RegisteredDevice device = directory.find(code).orElse(null);
        if (device == null) {
            return 0;
        }
        AlertAction.Raise r = (AlertAction.Raise) policy.deviceOffline(code);
        AlertWriter.lock(c, List.of(r.lockKey()));
        alerts.raise(c, r.rule(), r.correlationKey(), device, null, "offline@" + at, at, null);
        return 1;
    }

    static List<String> updateState(Connection c, String sql, Map<String, Instant> codes) throws SQLException {
        if (codes.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setStates(c, ps, 1, codes);
            try (ResultSet rs = ps.executeQuery()) {
                return codes(rs);
            }
        }
    }

    /** The device codes and times of {@code codes} as parameters {@code first} and {@code first + 1}. */
    static void setStates(Connection c, PreparedStatement ps, int first, Map<String, Instant> codes)
            throws SQLException {
        String[] code = new String[codes.size()];
        Long[] us = new Long[code.length];
        int i = 0;
        for (Map.Entry<String, Instant> e : codes.entrySet()) {
            code[i] = e.getKey();
            us[i++] = micros(e.getValue());
        }
        ps.setArray(first, c.createArrayOf("text", code));
        ps.setArray(first + 1, c.createArrayOf("int8", us));
    }

    static List<String> codes(ResultSet rs) throws SQLException {
        List<String> codes = new ArrayList<>();
        while (rs.next()) {
            codes.add(rs.getString(1));
        }
        return codes;
    }

    private static void insertRejections(Connection c, List<Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        int n = rejections.size();
        // Typed arrays (Long[], String[]): pgjdbc sends those in binary, a plain Object[] as escaped text.
        Object[][] cols = {new Long[n], new String[n], new String[n], new String[n], new String[n], new String[n],
            new String[n], new String[n]};
        Map<String, Rejection> unknown = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Rejection r = rejections.get(i);
            cols[0][i] = micros(r.receivedAt());
            cols[1][i] = r.topic();
            cols[2][i] = r.deviceCode();
            cols[3][i] = r.community();
            cols[4][i] = r.reason().code();
            cols[5][i] = r.detail();
            cols[6][i] = r.payload().replace((char) 0, '\uFFFD');
            cols[7][i] = r.eventId();
            if (r.reason() == RejectReason.UNKNOWN_DEVICE && r.deviceCode() != null) {
                unknown.put(r.deviceCode(), r);
            }
        }
        String[] types = {"int8", "text", "text", "text", "text", "text", "text", "text"};
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.INSERT_REJECTS)) {
            for (int i = 0; i < types.length; i++) {
                ps.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
            }
            ps.executeUpdate();
        }
        if (!unknown.isEmpty()) {
            Set<String> codes = new HashSet<>(unknown.keySet());
            try (PreparedStatement ps = c.prepareStatement(GatewaySql.UPSERT_UNREGISTERED)) {
                ps.setArray(1, c.createArrayOf("text", codes.toArray(String[]::new)));
                ps.setArray(2, c.createArrayOf("text",
                        codes.stream().map(k -> unknown.get(k).topic()).toArray(String[]::new)));
                ps.setArray(3, c.createArrayOf("int8",
                        codes.stream().map(k -> micros(unknown.get(k).receivedAt())).toArray(Long[]::new)));
                ps.executeUpdate();
            }
        }
    }
}
