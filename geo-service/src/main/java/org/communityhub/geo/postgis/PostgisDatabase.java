package org.communityhub.geo.postgis;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A pooled connection to the hub's PostgreSQL/PostGIS database, with its Flyway migrations.
 *
 * <p>Migrations live per module under {@code classpath:db/migration/<module>}: geo-service owns
 * {@link #GEO_MIGRATIONS} (versions 1–99), the gateway adds its own (100+). Opening the pool is
 * cheap after the first connection; {@link #migrate} takes a few hundred milliseconds when there
 * is nothing to do. A pool may carry a {@code statement_timeout} (set on each new connection):
 * PostgreSQL then cancels any statement of that pool running longer (SQLState 57014). Thread-safe:
 * the pool hands each caller its own connection.
 */
public final class PostgisDatabase implements AutoCloseable {

    /** Flyway location of geo-service's schema. */
    public static final String GEO_MIGRATIONS = "classpath:db/migration/geo";
    /** Name of the main pool (ingest, alerts, logged-in routes, tools). */
    public static final String MAIN_POOL = "hub-db";

    private final HikariDataSource dataSource;
    private final HikariConfig config;

    private PostgisDatabase(HikariConfig config) {
        this.config = config;
        this.dataSource = new HikariDataSource(config);
    }

    /**
     * Opens the main pool without a statement timeout; the password is handed to the driver and never logged.
     *
     * @param poolSize maximum connections (JDBC work runs on that many worker threads at most)
     */
    public static PostgisDatabase open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, MAIN_POOL, Duration.ZERO);
    }

    /**
     * Opens a named pool.
     *
     * @param poolName         shown in the log; {@code pg_stat_activity.application_name} is
     *                         {@code community-hub} for {@link #MAIN_POOL}, else {@code community-<poolName>}
     * @param statementTimeout every statement of this pool is cancelled after this long; zero: no limit
     */
    public static PostgisDatabase open(String jdbcUrl, String user, String password, int poolSize, String poolName,
                                       Duration statementTimeout) {
        return open(jdbcUrl, user, password, poolSize, poolName, statementTimeout, Duration.ofSeconds(10));
    }

    /**
     * As {@link #open(String, String, String, int, String, Duration)}, waiting at most {@code connectionTimeout}
     * for a connection (10 s there): short for a pool whose caller has somewhere else to go (a read replica).
     */
    public static PostgisDatabase open(String jdbcUrl, String user, String password, int poolSize, String poolName,
                                       Duration statementTimeout, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName(poolName);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        if (!statementTimeout.isZero()) {
            config.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis());
        }
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName",
                poolName.equals(MAIN_POOL) ? "community-hub" : "community-" + poolName);
        return new PostgisDatabase(config);
    }

    /**
     * Applies pending migrations from the given Flyway locations, in version order. They run on a
     * connection of their own without the pool's statement timeout (a migration may take long).
     */
    public void migrate(List<String> locations) {
        migrate(locations, null);
    }

    /**
     * Applies pending migrations; {@code initSql} (e.g. {@code SET hub.event_store = 'native'}) runs
     * on each connection Flyway opens, before any migration, so a migration can read a decision the
     * caller made ({@code current_setting(..., true)}). Null: none. Like {@link #migrate(List)}, on a
     * connection without the pool's statement timeout.
     */
    public void migrate(List<String> locations, String initSql) {
        if (config.getConnectionInitSql() == null) {
            migrate(dataSource, locations, initSql);
            return;
        }
        HikariConfig unlimited = new HikariConfig();
        config.copyStateTo(unlimited);
        unlimited.setConnectionInitSql(null);
        unlimited.setPoolName(config.getPoolName() + "-migrate");
        unlimited.setMaximumPoolSize(3); // Flyway holds a second connection for its lock
        unlimited.setMinimumIdle(0);
        try (HikariDataSource once = new HikariDataSource(unlimited)) {
            migrate(once, locations, initSql);
        }
    }

    private static void migrate(DataSource target, List<String> locations, String initSql) {
        var flyway = Flyway.configure()
                .dataSource(target)
                .locations(locations.toArray(String[]::new));
        if (initSql != null) {
            flyway.initSql(initSql);
        }
        flyway.load().migrate();
    }

    /**
     * Records this pool's meters in a Micrometer {@code MeterRegistry} (passed as Object: this module does
     * not depend on Micrometer): {@code hikaricp_connections_acquire} (waiting for a connection),
     * {@code hikaricp_connections_usage} (holding one), pending, active and idle counts, tagged with the
     * pool's name. At most once per pool; cheap.
     */
    public void recordMetrics(Object meterRegistry) {
        dataSource.setMetricRegistry(meterRegistry);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
