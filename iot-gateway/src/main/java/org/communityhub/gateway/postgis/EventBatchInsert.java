package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.ingest.DecidedEvent;

/**
 * A batch's events into {@code event}, with their devices marked seen, in one round trip of three statements
 * ({@link GatewaySql#INGEST_EVENTS}: the shared erasure lock, the insert that drops an erased person's reference by
 * its hash, the devices seen). Cost: O(batch) to build the arrays (one HMAC per event with a person reference,
 * cached by {@link ErasedPersons}) and one round trip. Thread-safe: it keeps no state of its own besides
 * {@link ErasedPersons}, which is thread-safe; the caller's connection and transaction are used.
 */
final class EventBatchInsert {

    private final ErasedPersons erasedPersons;

    EventBatchInsert(ErasedPersons erasedPersons) {
        this.erasedPersons = erasedPersons;
    }

    /**
     * Inserts the events and marks their devices seen in one round trip ({@link GatewaySql#INGEST_EVENTS}); returns
     * those newly stored. When every event was stored (no redelivery, the usual case) the returned rows are only
     * counted; their keys are matched to the events only when some were already there.
     */
    List<DecidedEvent> insert(Connection c, List<DecidedEvent> decided) throws SQLException {
        if (decided.isEmpty()) {
            return List.of();
        }
        int n = decided.size();
        String[] device = new String[n];
        String[] id = new String[n];
        Long[] time = new Long[n];
        Long[] received = new Long[n];
        String[] community = new String[n];
        String[] deviceType = new String[n];
        String[] type = new String[n];
        String[] eventClass = new String[n];
        String[] person = new String[n];
        String data;
        String[] refHash = new String[n];
        Map<String, Instant> newest = new LinkedHashMap<>();
        try (EventDataJson json = new EventDataJson()) {
            for (int i = 0; i < n; i++) {
                DeviceEvent e = decided.get(i).event();
                device[i] = e.device().code();
                id[i] = e.id();
                time[i] = PostgisIngestStore.micros(e.instant());
                received[i] = PostgisIngestStore.micros(e.receivedAt());
                community[i] = e.device().community();
                deviceType[i] = e.device().type().code();
                type[i] = e.type().code();
                eventClass[i] = e.type().eventClass().code();
                person[i] = e.personRef();
                // An erased person's reference is dropped by the statement (the hash is matched there, after the lock).
                refHash[i] = e.personRef() == null ? null : erasedPersons.hash(e.personRef());
                json.add(e.data());
                newest.merge(device[i], e.receivedAt(), (x, y) -> x.isAfter(y) ? x : y);
            }
            data = json.array();
        }
        List<String> cameOnline;
        List<DecidedEvent> fresh;
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.INGEST_EVENTS, ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_READ_ONLY)) {
            ps.setLong(1, PrivacySql.ERASURE_LOCK);
            Object[][] columns = {device, id, time, received, community, deviceType, type, eventClass, person};
            String[] sqlTypes = {"text", "text", "int8", "int8", "text", "text", "text", "text", "text"};
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 2, c.createArrayOf(sqlTypes[i], columns[i]));
            }
            ps.setString(11, data);
            ps.setArray(12, c.createArrayOf("text", refHash));
            PostgisIngestStore.setStates(c, ps, 13, newest);
            ps.execute();
            nextResult(ps); // the inserted rows, after the lock's
            try (ResultSet rs = ps.getResultSet()) {
                fresh = fresh(rs, decided, time);
            }
            nextResult(ps);
            try (ResultSet rs = ps.getResultSet()) {
                cameOnline = PostgisIngestStore.codes(rs);
            }
        }
        for (String code : cameOnline) {
            ChangePublisher.publish(c, new ChangeNotice.DeviceChanged(code));
        }
        return fresh;
    }

    private static void nextResult(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new SQLException("the ingest statement returned fewer results than it has statements");
        }
    }

    /** The events {@code rs} (the inserted rows' keys) says were stored: all of them when it has as many rows. */
    private static List<DecidedEvent> fresh(ResultSet rs, List<DecidedEvent> decided, Long[] micros)
            throws SQLException {
        int n = decided.size();
        if (rs.last() && rs.getRow() == n) {
            return decided;
        }
        rs.beforeFirst();
        Map<EventKey, DecidedEvent> byKey = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            DeviceEvent e = decided.get(i).event();
            byKey.putIfAbsent(new EventKey(e.device().code(), e.id(), micros[i]), decided.get(i));
        }
        List<DecidedEvent> fresh = new ArrayList<>();
        while (rs.next()) {
            DecidedEvent e = byKey.get(new EventKey(rs.getString(1), rs.getString(2), rs.getLong(3)));
            if (e != null) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /** An event's identity as stored: the database keeps microseconds (finer digits are cut here, not rounded there). */
    private record EventKey(String device, String id, long micros) { }
}
