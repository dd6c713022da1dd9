package org.communityhub.gateway.postgis;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig;
import org.slf4j.LoggerFactory;

/**
 * The anonymous public reads' {@link DataSource} when a streaming replica is configured (issue 19,
 * {@code HUB_DB_READ_URL}): a connection comes from the replica's pool while the replica is usable, else from the
 * primary's public pool. Usable means: reachable, a standby ({@code pg_is_in_recovery()}), no further behind than
 * {@code HUB_DB_READ_MAX_LAG_SECONDS} ({@link ReplicaLag}), and past every {@link #fence() fence}. A checker thread
 * decides that once a second with two one-row queries: the primary's WAL position on the primary pool, the replay
 * position on a connection of its own to the replica (short connect and socket timeouts); when the primary cannot
 * be asked, the last decision stands (public reads keep their replica while the primary is away). A connection the
 * replica's pool cannot give (the replica just died) is taken from the primary at once. Writers never use this
 * source; the logged-in routes use the main pool. Thread-safe.
 */
public final class ReplicaReads implements DataSource, AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);
    private static final long CHECK_MILLIS = 1000;

    private final DataSource primary;
    private final DataSource replica;
    private final DataSource primaryProbe;
    private final HubConfig.ReadReplica config;
    private final double maxLagSeconds;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-replica-check");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong fenceRequests = new AtomicLong();
    private final ReplicaLag lag = new ReplicaLag(); // checker thread only
    private long fencedRequests; // checker thread only
    private Connection check; // checker thread only
    private String problem = "not checked yet"; // checker thread only
    private volatile boolean inUse;
    private volatile double lagSeconds = Double.NaN;

    /**
     * @param primary      the public pool on the primary (where reads go when the replica is not usable)
     * @param replica      the replica's pool
     * @param primaryProbe a pool on the primary for the WAL position (the main one)
     */
    public ReplicaReads(DataSource primary, DataSource replica, DataSource primaryProbe, HubConfig.ReadReplica config) {
        this.primary = primary;
        this.replica = replica;
        this.primaryProbe = primaryProbe;
        this.config = config;
        this.maxLagSeconds = config.maxLag().toMillis() / 1000.0;
    }

    /** Starts the checks (the first at once); until the first one passes, reads go to the primary. */
    public void start() {
        checker.scheduleWithFixedDelay(this::checkQuietly, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Something that public reads show just changed on the primary (a facility or hierarchy notice, an import
     * here): they go to the primary at once, and back to the replica after it has replayed the change. Cheap.
     */
    public void fence() {
        fenceRequests.incrementAndGet();
        inUse = false;
    }

    /** Whether public reads go to the replica now. */
    public boolean inUse() {
        return inUse;
    }

    /** The replica's lag in seconds as last measured; NaN when it is unreachable or not a standby. */
    public double lagSeconds() {
        return lagSeconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (inUse) {
            try {
                return replica.getConnection();
            } catch (SQLException e) {
                inUse = false;
                LOG.warn("read replica: no connection ({}); public reads go to the primary", e.getMessage());
            }
        }
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pools have their own logins");
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("read replica check failed: {}", e.toString());
        }
    }

    private void check() {
        long requested = fenceRequests.get();
        long primaryLsn;
        try (Connection c = primaryProbe.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(ReplicaSql.PRIMARY_LSN)) {
            rs.next();
            primaryLsn = rs.getLong(1);
        } catch (SQLException e) {
            LOG.debug("read replica check: primary not asked ({})", e.getMessage());
            return;
        }
        lag.primaryAt(primaryLsn, System.nanoTime());
        if (requested != fencedRequests) {
            lag.fence(primaryLsn);
            fencedRequests = requested;
        }
        boolean standby;
        long replayed;
        try {
            Statement s = checkConnection().createStatement();
            try (s; ResultSet rs = s.executeQuery(ReplicaSql.REPLICA_STATUS)) {
                rs.next();
                standby = rs.getBoolean(1);
                replayed = rs.getLong(2);
            }
        } catch (SQLException e) {
            closeCheck();
            decide(false, Double.NaN, "unreachable (" + e.getMessage() + ")", requested);
            return;
        }
        if (!standby) {
            decide(false, Double.NaN, "not a standby (pg_is_in_recovery() is false)", requested);
            return;
        }
        double seconds = lag.replayed(replayed, System.nanoTime());
        if (seconds > maxLagSeconds) {
            decide(false, seconds, String.format("%.0f s behind the primary (HUB_DB_READ_MAX_LAG_SECONDS=%.0f)", seconds,
                    maxLagSeconds), requested);
        } else {
            decide(!lag.fenced(replayed), seconds, null, requested);
        }
    }

    /** Sets the decision (a fence that came meanwhile wins) and logs a change of problem once. */
    private void decide(boolean use, double seconds, String why, long requested) {
        lagSeconds = seconds;
        inUse = use;
        if (fenceRequests.get() != requested) {
            inUse = false;
        }
        String kind = why == null ? null : why.replaceAll("[0-9]+ s behind", "behind").replaceAll(" \\(.*", "");
        if (kind == null ? problem != null : !kind.equals(problem)) { // once per kind of problem, not per figure
            if (why == null) {
                LOG.info("read replica {}: public reads go to it", config.url());
            } else {
                LOG.warn("read replica {}: {}; public reads go to the primary", config.url(), why);
            }
            problem = kind;
        }
    }

    private Connection checkConnection() throws SQLException {
        if (check == null) {
            Properties p = new Properties();
            p.setProperty("user", config.user());
            if (config.password().isPresent()) {
                p.setProperty("password", config.password().value());
            }
            p.setProperty("connectTimeout", "2");
            p.setProperty("socketTimeout", "5");
            p.setProperty("loginTimeout", "5");
            p.setProperty("ApplicationName", "community-hub-replica-check");
            check = DriverManager.getConnection(config.url(), p);
        }
        return check;
    }

    private void closeCheck() {
        if (check != null) {
            try {
                check.close();
            } catch (SQLException e) {
                LOG.debug("closing the replica check connection: {}", e.getMessage());
            }
            check = null;
        }
    }

    /** Stops the checks and closes the check connection (the pools belong to the caller). */
    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeCheck();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return primary.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || primary.isWrapperFor(iface);
    }
}
