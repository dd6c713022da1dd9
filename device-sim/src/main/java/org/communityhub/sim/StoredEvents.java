package org.communityhub.sim;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Counts a load run's events in the hub's PostgreSQL directly (see {@link EventTableSql}). One JDBC
 * connection, opened and probed at construction so an unreachable database or a missing table fails
 * before the run. Not
 * thread-safe; close it when done. Each query scans the run's rows (an index on event_id helps).
 */
public final class StoredEvents implements AutoCloseable {

    /** Rows stored for a prefix, and how many distinct (device, id) pairs they hold. */
    public record Counts(long rows, long distinct) {
        public long duplicated() {
            return rows - distinct;
        }
    }

    /** Publish-to-stored latency in milliseconds. */
    public record Latency(double p50, double p95, double p99, double max) {
    }

    private final Connection connection;

    /** Connects; throws {@link HubUnreachable} when the database cannot be reached or refuses the login. */
    public StoredEvents(String jdbcUrl, String user, String password) {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "hub-sim");
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, props);
        } catch (SQLException e) {
            throw new HubUnreachable("cannot reach the hub database at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        try {
            count("probe");
        } catch (SQLException e) {
            close();
            throw new HubUnreachable("cannot count events in the hub database at " + jdbcUrl + " (table " + EventTableSql.TABLE
                    + " with columns " + EventTableSql.DEVICE_CODE + ", " + EventTableSql.EVENT_ID + ", "
                            + EventTableSql.EVENT_TIME
                    + ", " + EventTableSql.STORED_AT + "; has the hub created its schema?): " + e.getMessage(), e);
        }
    }

    /** The counts for a run prefix. */
    public Counts count(String runPrefix) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(EventTableSql.COUNT_BY_PREFIX)) {
            st.setString(1, runPrefix + "-%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** Latency percentiles of a run's stored events, or null when none are stored. */
    public Latency latency(String runPrefix) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(EventTableSql.LATENCY_BY_PREFIX)) {
            st.setString(1, runPrefix + "-%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getObject(4) == null) {
                    return null;
                }
                return new Latency(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the run's results are already read; a failing close loses nothing
            return;
        }
    }
}
