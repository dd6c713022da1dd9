package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.contract.EventClass;
import org.communityhub.gateway.config.HubConfig;

/**
 * Keeps the event store's shape: creates daily partitions ahead of time, drops whole partitions
 * older than the longest retention (cheap: no row-by-row delete), and deletes the rows of
 * shorter-lived classes (face-gate access events: 30 days by default) from the partitions that
 * stay. On a TimescaleDB hypertable TimescaleDB creates the daily chunks itself, whole chunks older
 * than the longest retention go with {@code drop_chunks} (Apache-licensed part), and the per-class
 * deletes are the same.
 * Runs at start and then hourly; the clock is injectable so tests can move time. Thread-safe.
 */
public final class EventRetention {

    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** What one run did. */
    public record Report(int partitionsCreated, List<String> partitionsDropped, long rowsDeleted) {
    }

    private final DataSource dataSource;
    private final HubConfig.Retention retention;
    private final Clock clock;

    public EventRetention(DataSource dataSource, HubConfig.Retention retention, Clock clock) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.clock = clock;
    }

    public Report run() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            int created;
            try (PreparedStatement ps = c.prepareStatement(GatewaySql.ENSURE_PARTITIONS)) {
                ps.setObject(1, today.minusDays(2));
                ps.setObject(2, today.plusDays(7));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    created = rs.getInt(1);
                }
            }
            Duration longest = max(retention.access(), retention.alarm(), retention.technical());
            List<String> dropped = isHypertable(c) ? dropChunks(c, now.minus(longest)) : dropPartitions(c, now.minus(longest));
            long deleted = purge(c, EventClass.ACCESS, now.minus(retention.access()))
                    + purge(c, EventClass.ALARM, now.minus(retention.alarm()))
                    + purge(c, EventClass.TECHNICAL, now.minus(retention.technical()));
            try (PreparedStatement ps = c.prepareStatement(GatewaySql.PURGE_REJECTS)) {
                ps.setTimestamp(1, Timestamp.from(now.minus(retention.technical())));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(CaseSql.PURGE_CLOSED)) {
                ps.setTimestamp(1, Timestamp.from(now.minus(retention.cases())));
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(NotificationSql.PURGE)) { // they name staff logins
                ps.setTimestamp(1, Timestamp.from(now.minus(retention.cases())));
                ps.execute();
            }
            return new Report(created, dropped, deleted);
        }
    }

    /** Drops the daily partitions that end before the day {@code before} falls on. */
    private static List<String> dropPartitions(Connection c, Instant before) throws SQLException {
        LocalDate dropBefore = LocalDate.ofInstant(before, ZoneOffset.UTC);
        List<String> dropped = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(GatewaySql.EVENT_PARTITIONS)) {
            while (rs.next()) {
                String name = rs.getString(1);
                LocalDate day = LocalDate.parse(name.substring("event_p".length()), PARTITION_DAY);
                if (!day.plusDays(1).isAfter(dropBefore)) {
                    dropped.add(name);
                }
            }
        }
        for (String name : dropped) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + name + "\"");
            }
        }
        return dropped;
    }

    /** Drops the hypertable's chunks whose whole time range lies before {@code before} ({@code drop_chunks}). */
    private static List<String> dropChunks(Connection c, Instant before) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.DROP_CHUNKS)) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dropped.add(rs.getString(1));
                }
            }
        }
        return dropped;
    }

    private static boolean isHypertable(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(GatewaySql.EVENT_IS_HYPERTABLE)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long purge(Connection c, EventClass eventClass, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.PURGE_CLASS)) {
            ps.setString(1, eventClass.code());
            ps.setTimestamp(2, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    private static Duration max(Duration... ds) {
        Duration m = Duration.ZERO;
        for (Duration d : ds) {
            m = d.compareTo(m) > 0 ? d : m;
        }
        return m;
    }
}
