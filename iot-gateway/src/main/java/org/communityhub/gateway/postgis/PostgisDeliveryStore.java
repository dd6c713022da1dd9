package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.communityhub.gateway.responders.ChannelKind;
import org.communityhub.gateway.responders.ChannelTarget;
import org.communityhub.gateway.responders.DeliveryClaim;
import org.communityhub.gateway.responders.DeliveryLogEntry;
import org.communityhub.gateway.responders.DeliveryPurpose;
import org.communityhub.gateway.responders.DeliveryStore;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.responders.SendResult;

/**
 * {@link DeliveryStore} on PostgreSQL: rows claimed with {@code FOR UPDATE SKIP LOCKED} and a lease (owner, until),
 * so workers of any number of instances never send one row twice while its lease holds; each outcome is recorded
 * with its attempt row in one transaction, and only by the lease's owner. A failed attempt's SMS numbers reached
 * ({@link SendResult#reached}, digests) are added to the row's in the statement that records it, and come back with
 * the row's next claim, whoever makes it. A send that outlived its lease (another worker claimed the row meanwhile,
 * or has already retried it) records no outcome, but the numbers it reached — those the provider confirmed — are still
 * added to the row while it is pending ({@link ResponderSql#KEEP_REACHED}, in the same transaction as its attempt row),
 * so no later attempt texts them again; the other worker's outcome, written by its own statement, adds its own
 * numbers to the row's current list (the row's lock orders the two). Thread-safe.
 */
public final class PostgisDeliveryStore implements DeliveryStore {

    private static final int MAX_ERROR = 500;
    private final DataSource dataSource;
    private final PostgisChannelStore channels;

    public PostgisDeliveryStore(DataSource dataSource, PostgisChannelStore channels) {
        this.dataSource = dataSource;
        this.channels = channels;
    }

    @Override
    public List<DeliveryClaim> claim(String owner, Duration lease, int max, int perChannel, Map<Long, Integer> busy) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<long[]> rows = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                List<Notice> messages = new ArrayList<>();
                List<Set<String>> reached = new ArrayList<>();
                List<DeliveryPurpose> purposes = new ArrayList<>();
                List<Long> busyChannels = new ArrayList<>(busy.keySet());
                try (PreparedStatement ps = c.prepareStatement(ResponderSql.CLAIM)) {
                    PostgisAlertStore.bind(ps, owner, (double) lease.toSeconds(), perChannel,
                            c.createArrayOf("bigint", busyChannels.toArray()),
                            c.createArrayOf("integer", busyChannels.stream().map(busy::get).toArray()), max);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new long[] {rs.getLong(1), rs.getLong(3), rs.getInt(4), rs.getLong(5), rs.getInt(6)});
                            keys.add(rs.getString(2));
                            messages.add(message(rs));
                            purposes.add(purpose(rs.getString(11)));
                            reached.add(Set.copyOf(List.of((String[]) rs.getArray(12).getArray())));
                        }
                    }
                }
                Set<Long> ids = new HashSet<>();
                rows.forEach(r -> ids.add(r[3]));
                Map<Long, ChannelTarget> targets = ids.isEmpty() ? Map.of() : channels.targets(c, ids);
                c.commit();
                List<DeliveryClaim> out = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    long[] r = rows.get(i);
                    out.add(new DeliveryClaim(r[0], keys.get(i), r[1], (int) r[2], purposes.get(i), (int) r[4],
                            targets.get(r[3]), messages.get(i), reached.get(i)));
                }
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store unavailable: " + e.getMessage(), e);
        }
    }

    private static DeliveryPurpose purpose(String code) {
        return code == null ? null : DeliveryPurpose.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown delivery purpose " + code));
    }

    /** A case notice's stored message (columns 7–10 of the claim), or null for an alert's row. */
    private static Notice message(ResultSet rs) throws SQLException {
        String kind = rs.getString(7);
        if (kind == null) {
            return null;
        }
        String text = rs.getString(9);
        return new Notice(kind, rs.getInt(4), rs.getString(8), text == null || text.isEmpty() ? List.of()
                : List.of(text.split("\n")), rs.getString(10), null);
    }

    /**
     * Plans a case notice's deliveries on {@code c} (in the caller's transaction): one row per channel taking
     * {@code cases} for {@code community} (or every community), once per (key, channel) whoever tries.
     *
     * @return the rows planned now
     */
    static int plan(Connection c, String key, Notice notice, String community) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ResponderSql.PLAN_NOTICE)) {
            PostgisAlertStore.bind(ps, key, notice.kind(), notice.title(), String.join("\n", notice.lines()),
                    notice.link(), community);
            return ps.executeUpdate();
        }
    }

    @Override
    public boolean delivered(DeliveryClaim claim, String owner, SendResult result) {
        return record(claim, owner, ResponderSql.DELIVERED, "delivered", result, claim.id(), owner);
    }

    @Override
    public void failed(DeliveryClaim claim, String owner, SendResult result, Duration retryAfter) {
        Double in = retryAfter == null ? null : retryAfter.toMillis() / 1000.0;
        record(claim, owner, ResponderSql.FAILED, retryAfter == null ? "failed" : "retry", result, in, in,
                trim(result.error()), in, result.reached().toArray(String[]::new), claim.id(), owner);
    }

    private boolean record(DeliveryClaim claim, String owner, String sql, String status, SendResult result,
                           Object... params) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    PostgisAlertStore.bind(ps, params);
                    changed = ps.executeUpdate();
                }
                if (changed == 0 && !result.reached().isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(ResponderSql.KEEP_REACHED)) {
                        PostgisAlertStore.bind(ps, result.reached().toArray(String[]::new), claim.id());
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(ResponderSql.ATTEMPT)) {
                    PostgisAlertStore.bind(ps, claim.id(), claim.attempt(), owner, status, result.httpStatus(),
                            changed == 0 ? trim("lease had run out; " + result.error()) : trim(result.error()));
                    ps.executeUpdate();
                }
                c.commit();
                return changed == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void recordTest(long channelId, int tier, String worker, SendResult result) {
        String status = result.delivered() ? "delivered" : "failed";
        String error = trim(result.error());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(ResponderSql.TEST_ATTEMPT)) {
            PostgisAlertStore.bind(ps, tier, channelId, status, error, result.delivered(), worker, status,
                    result.httpStatus(), error);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DeliveryLogEntry> log(Long alertId, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ResponderSql.LOG)) {
            PostgisAlertStore.bind(ps, alertId, alertId, limit);
            List<DeliveryLogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeliveryLogEntry(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(15),
                            purpose(rs.getString(16)), rs.getInt(4), rs.getLong(5),
                            rs.getString(6), ChannelKind.fromCode(rs.getString(7)).orElseThrow(), rs.getInt(8),
                            rs.getString(9), rs.getString(10), (Integer) rs.getObject(11), rs.getString(12),
                            rs.getString(13), rs.getTimestamp(14).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store unavailable: " + e.getMessage(), e);
        }
    }

    private static String trim(String error) {
        return error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "…" : error;
    }
}
