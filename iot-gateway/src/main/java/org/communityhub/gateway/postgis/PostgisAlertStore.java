package org.communityhub.gateway.postgis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertQuery;
import org.communityhub.gateway.alert.AlertRule;
import org.communityhub.gateway.alert.AlertStatus;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.alert.Outcome;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.alert.Transition;
import org.communityhub.gateway.alert.TransitionResult;
import org.communityhub.gateway.change.ChangeNotice;

/** {@link AlertStore} on PostgreSQL. Each call is one short transaction. Thread-safe. */
public final class PostgisAlertStore implements AlertStore {

    private final DataSource dataSource;

    public PostgisAlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Alert> list(AlertQuery q) {
        String status = q.status() == null ? null : q.status().code();
        String severity = q.severity() == null ? null : q.severity().code();
        String kind = q.kind() == null ? null : q.kind().code();
        String outcome = q.outcome() == null ? null : q.outcome().code();
        Timestamp from = q.from() == null ? null : Timestamp.from(q.from());
        Timestamp to = q.to() == null ? null : Timestamp.from(q.to());
        List<Object> params = new ArrayList<>(Arrays.asList(status, status, severity, severity, q.community(),
                q.community(), kind, kind, outcome, outcome, q.building(), q.building(), from, from, to, to));
        if (q.before() != null) {
            params.add(Timestamp.from(q.before().openedAt()));
            params.add(q.before().id());
        }
        params.add(q.limit());
        return query(q.before() == null ? AlertSql.LIST : AlertSql.LIST_BEFORE, params.toArray());
    }

    @Override
    public Optional<Alert> find(long id, String community) {
        return query(AlertSql.FIND, id, community, community).stream().findFirst();
    }

    @Override
    public List<Alert> changedSince(long seq, String community, int limit) {
        return query(AlertSql.CHANGED_SINCE, seq, community, community, limit);
    }

    @Override
    public TransitionResult apply(long id, String community, Transition t, String actor, String remote) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                TransitionResult r = applyIn(c, id, community, t, actor, remote);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert store unavailable: " + e.getMessage(), e);
        }
    }

    private TransitionResult applyIn(Connection c, long id, String community, Transition t, String actor,
                                     String remote) throws SQLException {
        List<Alert> found = query(c, AlertSql.FIND_FOR_UPDATE, id, community, community);
        if (found.isEmpty()) {
            return new TransitionResult.NotFound();
        }
        Alert before = found.get(0);
        if (t instanceof Transition.Confirm cf && before.rule() != AlertRule.FIRE) {
            throw new IllegalArgumentException("id: only a fire alarm is confirmed (real or false); this alert is "
                    + before.kind().code());
        }
        if (before.status() == AlertStatus.RESOLVED
                || (t instanceof Transition.Acknowledge && before.status() != AlertStatus.OPEN)
                || (t instanceof Transition.Confirm cf && cf.real() && before.status() == AlertStatus.CONFIRMED)) {
            return new TransitionResult.Conflict(before.status());
        }
        if (t instanceof Transition.Confirm cf && cf.real()) {
            update(c, AlertSql.CONFIRM, actor, actor, id);
            audit(c, actor, "alert.confirm", before, before.status().code() + " → confirmed (real fire)"
                    + (cf.note().isEmpty() ? "" : ": " + cf.note()), remote);
            if (!cf.note().isEmpty()) {
                update(c, AlertSql.COMMENT, id, actor, cf.note());
            }
        } else {
            if (before.status() == AlertStatus.OPEN) {
                update(c, AlertSql.ACKNOWLEDGE, actor, id);
                audit(c, actor, "alert.acknowledge", before, "open → acknowledged", remote);
            }
            Transition.Resolve r = t instanceof Transition.Confirm cf ? new Transition.Resolve(Outcome.FALSE_ALARM,
                    cf.note()) : t instanceof Transition.Resolve res ? res : null;
            if (r != null) {
                update(c, AlertSql.RESOLVE, actor, r.outcome().code(), r.note(), id);
                audit(c, actor, t instanceof Transition.Confirm ? "alert.confirm" : "alert.resolve", before,
                        "acknowledged → resolved (" + r.outcome().code() + "): " + r.note(), remote);
            }
        }
        ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
        return new TransitionResult.Done(query(c, AlertSql.FIND, id, community, community).get(0));
    }

    @Override
    public TransitionResult assign(long id, String community, String assignee, String actor, String remote) {
        return inTransaction(c -> {
            List<Alert> found = query(c, AlertSql.FIND_FOR_UPDATE, id, community, community);
            if (found.isEmpty()) {
                return new TransitionResult.NotFound();
            }
            Alert before = found.get(0);
            if (before.status() == AlertStatus.RESOLVED) {
                return new TransitionResult.Conflict(before.status());
            }
            if (!exists(c, AlertSql.ASSIGNABLE, assignee, before.community())) {
                throw new IllegalArgumentException("assignee: no security login of the alert's community and no admin "
                        + "is called that");
            }
            update(c, AlertSql.ASSIGN, assignee, id);
            audit(c, actor, "alert.assign", before, (actor.equals(assignee) ? "taken by " : "assigned to ") + assignee,
                    remote);
            ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
            return new TransitionResult.Done(query(c, AlertSql.FIND, id, community, community).get(0));
        });
    }

    @Override
    public TransitionResult comment(long id, String community, String text, String actor, String remote) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("text: 1–" + MAX_COMMENT + " characters");
        }
        return inTransaction(c -> {
            List<Alert> found = query(c, AlertSql.FIND_FOR_UPDATE, id, community, community);
            if (found.isEmpty()) {
                return new TransitionResult.NotFound();
            }
            update(c, AlertSql.COMMENT, id, actor, t);
            update(c, AlertSql.TOUCH, id);
            audit(c, actor, "alert.comment", found.get(0), t, remote);
            ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
            return new TransitionResult.Done(query(c, AlertSql.FIND, id, community, community).get(0));
        });
    }

    /** One step of work in a transaction. */
    @FunctionalInterface
    private interface InTransaction<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(InTransaction<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert store unavailable: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<Alert> escalateDue(Duration after, Duration fireConfirm, Instant now) {
        List<Alert> escalated = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(AlertSql.ESCALATE)) {
                Timestamp at = Timestamp.from(now);
                bind(ps, at, after.toSeconds(), at, fireConfirm.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                Alert a = query(c, AlertSql.FIND, id, null, null).get(0);
                String why = a.status() == AlertStatus.OPEN ? "unacknowledged" : "fire alarm not confirmed";
                audit(c, "system", "alert.escalate", a, why + "; escalated to level " + a.escalationLevel()
                        + (a.escalationLevel() >= 2 ? " (admins)" : " (all security staff of the community)"), null);
                ChangePublisher.publish(c, new ChangeNotice.AlertChanged(id));
                escalated.add(a);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("alert store unavailable: " + e.getMessage(), e);
        }
        return escalated;
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void audit(Connection c, String actor, String action, Alert a, String detail, String remote)
            throws SQLException {
        update(c, AlertSql.AUDIT, actor, action, "alert", Long.toString(a.id()), a.community(), detail, remote);
    }

    private List<Alert> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException("alert store unavailable: " + e.getMessage(), e);
        }
    }

    private static List<Alert> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** {@link Jdbc#bind}, for the stores that still call it here (channels, deliveries, person data). */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        Jdbc.bind(ps, params);
    }

    /** The alert in the current row of {@code rs}, whose columns are {@link AlertSql#COLUMNS}. */
    static Alert read(ResultSet rs) throws SQLException {
        Array ids = rs.getArray(15);
        String outcome = rs.getString(21);
        return new Alert(rs.getLong(1), AlertRule.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                Severity.fromCode(rs.getString(3)).orElseThrow(), AlertStatus.fromCode(rs.getString(4)).orElseThrow(),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), (Integer) rs.getObject(9),
                (Double) rs.getObject(10), (Double) rs.getObject(11), instant(rs, 12), instant(rs, 13), rs.getInt(14),
                ids == null ? List.of() : Arrays.asList((String[]) ids.getArray()), instant(rs, 16), rs.getString(17),
                instant(rs, 18), rs.getString(19), instant(rs, 20),
                outcome == null ? null : Outcome.fromCode(outcome).orElseThrow(), rs.getString(22), rs.getInt(23),
                rs.getLong(24), rs.getString(25), comments(rs), rs.getBoolean(30));
    }

    private static List<Alert.Comment> comments(ResultSet rs) throws SQLException {
        Long[] ids = (Long[]) rs.getArray(26).getArray();
        String[] authors = (String[]) rs.getArray(27).getArray();
        Timestamp[] times = (Timestamp[]) rs.getArray(28).getArray();
        String[] texts = (String[]) rs.getArray(29).getArray();
        List<Alert.Comment> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new Alert.Comment(ids[i], authors[i], times[i].toInstant(), texts[i]));
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
