package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.stats.CommunityOverview;
import org.communityhub.gateway.stats.CommunityOverview.BucketCount;
import org.communityhub.gateway.stats.StatsQueries;

/** {@link StatsQueries} on PostgreSQL: four grouped queries per overview. Thread-safe. */
public final class PostgisStats implements StatsQueries {

    private final DataSource dataSource;

    public PostgisStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<CommunityOverview> overview(String community, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<Severity, Integer>> alerts = new HashMap<>();
            try (PreparedStatement ps = prepare(c, GatewaySql.OVERVIEW_OPEN_ALERTS, community, community);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(Severity.class))
                            .put(Severity.fromCode(rs.getString(2)).orElseThrow(), rs.getInt(3));
                }
            }
            Map<String, int[]> devices = new HashMap<>();
            try (PreparedStatement ps = prepare(c, GatewaySql.OVERVIEW_DEVICES, community, community);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
            Map<String, Map<Instant, Long>> hours = new HashMap<>();
            for (var row : counts(c, community, now.minus(Duration.ofHours(24)), now.plus(Duration.ofMinutes(5)),
                    Duration.ofHours(1))) {
                hours.computeIfAbsent(row.community(), k -> new java.util.TreeMap<>())
                        .merge(row.count().start(), row.count().count(), Long::sum);
            }
            List<CommunityOverview> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, GatewaySql.OVERVIEW_COMMUNITIES, community, community);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    Map<Severity, Integer> open = new EnumMap<>(Severity.class);
                    for (Severity s : Severity.values()) {
                        open.put(s, alerts.getOrDefault(code, Map.of()).getOrDefault(s, 0));
                    }
                    int[] d = devices.getOrDefault(code, new int[2]);
                    List<BucketCount> perHour = hours.getOrDefault(code, Map.of()).entrySet().stream()
                            .map(e -> new BucketCount(e.getKey(), null, e.getValue())).toList();
                    out.add(new CommunityOverview(code, rs.getString(2), open, d[0], d[1], perHour));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("statistics unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<BucketCount> eventCounts(String community, Instant from, Instant to, Duration bucket) {
        try (Connection c = dataSource.getConnection()) {
            return counts(c, community, from, to, bucket).stream().map(CommunityCount::count).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("statistics unavailable: " + e.getMessage(), e);
        }
    }

    private record CommunityCount(String community, BucketCount count) {
    }

    private static List<CommunityCount> counts(Connection c, String community, Instant from, Instant to,
                                               Duration bucket) throws SQLException {
        List<CommunityCount> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, GatewaySql.EVENT_COUNTS, bucket.toSeconds(), Timestamp.from(from),
                Timestamp.from(to), community, community); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new CommunityCount(rs.getString(1),
                        new BucketCount(rs.getTimestamp(3).toInstant(), rs.getString(2), rs.getLong(4))));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        Jdbc.bind(ps, params);
        return ps;
    }
}
