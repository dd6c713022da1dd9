package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.cases.notice.CaseChannels;
import org.communityhub.gateway.cases.notice.ChannelNotice;
import org.communityhub.gateway.responders.Notice;

/**
 * {@link CaseChannels} on PostgreSQL: case notices become rows of the responders' delivery outbox (V261) with their
 * composed message, one per channel taking {@code cases} for the community, unique per (key, channel), so that
 * instances planning the same notice at once plan it once. Thread-safe; one pooled connection per call.
 */
public final class PostgisCaseChannels implements CaseChannels {

    private final DataSource dataSource;

    public PostgisCaseChannels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<CommunityDigest> digestsDue(String keyPrefix, Instant now, int top) {
        try (Connection c = dataSource.getConnection()) {
            List<String[]> due = new ArrayList<>();
            List<int[]> counts = new ArrayList<>();
            List<Timestamp> oldest = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CaseChannelSql.DIGESTS_DUE)) {
                PostgisAlertStore.bind(ps, keyPrefix, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new String[] {rs.getString(1), rs.getString(2)});
                        counts.add(new int[] {rs.getInt(3), rs.getInt(4), rs.getInt(5)});
                        oldest.add(rs.getTimestamp(6));
                    }
                }
            }
            List<CommunityDigest> out = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                out.add(new CommunityDigest(due.get(i)[0], due.get(i)[1], counts.get(i)[0], counts.get(i)[1],
                        counts.get(i)[2], oldest.get(i) == null ? null : oldest.get(i).toInstant(),
                        top(c, due.get(i)[0], now, top)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("case channels unavailable: " + e.getMessage(), e);
        }
    }

    private static List<DigestCase> top(Connection c, String community, Instant now, int limit) throws SQLException {
        List<DigestCase> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CaseChannelSql.TOP)) {
            PostgisAlertStore.bind(ps, Timestamp.from(now), community, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp deadline = rs.getTimestamp(5);
                    out.add(new DigestCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            deadline == null ? null : deadline.toInstant(), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    @Override
    public int plan(ChannelNotice notice) {
        try (Connection c = dataSource.getConnection()) {
            return plan(c, notice);
        } catch (SQLException e) {
            throw new IllegalStateException("case channels unavailable: " + e.getMessage(), e);
        }
    }

    /** Plans {@code notice} on {@code c}, in the caller's transaction; the rows planned now (0 for null). */
    static int plan(Connection c, ChannelNotice notice) throws SQLException {
        if (notice == null) {
            return 0;
        }
        return PostgisDeliveryStore.plan(c, notice.key(), new Notice(notice.kind(), 0, notice.title(), notice.lines(),
                notice.link(), null), notice.community());
    }
}
