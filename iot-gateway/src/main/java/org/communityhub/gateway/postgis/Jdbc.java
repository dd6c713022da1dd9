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

/**
 * The JDBC steps the PostGIS stores share, defined once: work on one pooled connection ({@link #read}) or in one
 * transaction ({@link #transaction}), where a database failure becomes an {@link IllegalStateException} naming the
 * store ("duty roster unavailable: …"); positional parameters bound in order
 * ({@link #bind}); and the small reads every store needs ({@link #exists}, {@link #update}, {@link #strings}, {@link #instant}).
 * Blocking: call it on a worker thread, never on an event loop. Cost: that of the statements. Stateless; thread-safe.
 */
final class Jdbc {

    private Jdbc() {
    }

    /** Work on one connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} on one pooled connection as it is (auto-commit unless the work changes it). */
    static <T> T read(DataSource dataSource, String store, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw unavailable(store, e);
        }
    }

    /** Runs {@code work} in one transaction on one pooled connection: committed when it returns, else rolled back. */
    static <T> T transaction(DataSource dataSource, String store, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.apply(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(store, e);
        }
    }

    /** Binds {@code params} to the statement's placeholders in order ({@code setObject}; a null binds SQL NULL). */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** True when the query returns a row. */
    static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs an update; returns the number of rows it changed. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** The first column of every row, as text. */
    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** A timestamp column as an instant, or null. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static IllegalStateException unavailable(String store, SQLException e) {
        return new IllegalStateException(store + " unavailable: " + e.getMessage(), e);
    }
}
