package org.communityhub.gateway.postgis;

import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.communityhub.gateway.cases.notice.ChannelNotice;
import org.communityhub.gateway.cases.notice.Notice;
import org.communityhub.gateway.cases.notice.NoticeKind;
import org.communityhub.gateway.cases.notice.Notification;
import org.communityhub.gateway.cases.notice.NotificationStore;

/**
 * {@link NotificationStore} on PostgreSQL ({@link NotificationSql}, table of V210). A claim is an insert with a
 * unique key ({@code ON CONFLICT DO NOTHING RETURNING}): of several instances storing the same notice at once,
 * one gets the row and the others nothing. Reads use the (recipient, id) indexes. Thread-safe; one pooled
 * connection per call.
 */
public final class PostgisNotificationStore implements NotificationStore {

    private final DataSource dataSource;

    public PostgisNotificationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Notification> list(String recipient, boolean unreadOnly, int limit) {
        return read(c -> rows(c, NotificationSql.LIST, recipient, unreadOnly, limit));
    }

    @Override
    public long unread(String recipient) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(NotificationSql.UNREAD)) {
                ps.setString(1, recipient);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Notification> find(long id) {
        return read(c -> rows(c, NotificationSql.FIND, id).stream().findFirst());
    }

    @Override
    public Optional<Notification> markRead(String recipient, long id, Instant at) {
        return read(c -> rows(c, NotificationSql.MARK_READ, Timestamp.from(at), id, recipient).stream().findFirst());
    }

    @Override
    public List<String> digestRecipients(String key) {
        return read(c -> Jdbc.strings(c, NotificationSql.DIGEST_RECIPIENTS, key, key));
    }

    @Override
    public Optional<Notification> claim(Notice notice, Instant at) {
        return read(c -> insert(c, notice, at));
    }

    @Override
    public List<Notification> claimOverdue(Instant now, int limit, Function<OverdueCase, List<Notice>> notices,
                                           Function<OverdueCase, ChannelNotice> channels) {
        return read(c -> {
            c.setAutoCommit(false);
            try {
                List<Long> claimed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(NotificationSql.CLAIM_OVERDUE)) {
                    Jdbc.bind(ps, Timestamp.from(now), Timestamp.from(now), limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(rs.getLong(1));
                        }
                    }
                }
                List<Notification> stored = new ArrayList<>();
                if (!claimed.isEmpty()) {
                    for (OverdueCase oc : overdueCases(c, claimed)) {
                        for (Notice n : notices.apply(oc)) {
                            insert(c, n, now).ifPresent(stored::add);
                        }
                        PostgisCaseChannels.plan(c, channels.apply(oc));
                    }
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private static List<OverdueCase> overdueCases(Connection c, List<Long> ids) throws SQLException {
        List<OverdueCase> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(NotificationSql.OVERDUE_CASES)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OverdueCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), Arrays.asList((String[]) rs.getArray(6).getArray())));
                }
            }
        }
        return out;
    }

    private static Optional<Notification> insert(Connection c, Notice n, Instant at) throws SQLException {
        Array ids = c.createArrayOf("bigint", n.caseIds().toArray());
        return rows(c, NotificationSql.CLAIM, n.recipient(), n.kind().code(), n.key(), n.title(), n.text(), n.caseId(),
                ids, n.open(), n.overdue(), n.untriaged(), Timestamp.from(at)).stream().findFirst();
    }

    private static List<Notification> rows(Connection c, String sql, Object... params) throws SQLException {
        List<Notification> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] ids = (Long[]) rs.getArray(8).getArray();
                    Timestamp readAt = rs.getTimestamp(12);
                    Notice notice = new Notice(rs.getString(2), NoticeKind.fromCode(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6), (Long) rs.getObject(7), Arrays.asList(ids), rs.getInt(9),
                            rs.getInt(10), rs.getInt(15), (Long) rs.getObject(13));
                    String detail = rs.getString(14);
                    out.add(new Notification(rs.getLong(1), notice, rs.getTimestamp(11).toInstant(),
                            readAt == null ? null : readAt.toInstant(), detail == null ? Map.of()
                            : new JsonObject(detail).getMap()));
                }
            }
        }
        return out;
    }

    private <T> T read(Jdbc.Work<T> work) {
        return Jdbc.read(dataSource, "notifications", work);
    }
}
