package org.communityhub.geo.postgis;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A pooled connection to the hub's PostgreSQL/PostGIS database, with its Flyway migrations.
 *
 * <p>Migrations live per module under {@code classpath:db/migration/<module>}: geo-service owns
 * {@link #GEO_MIGRATIONS} (versions 1–99), the gateway adds its own (100+). Opening the pool is
 * cheap after the first connection; {@link #migrate} takes a few hundred milliseconds when there
 * is nothing to do. Thread-safe: the pool hands each caller its own connection.
 */
public final class PostgisDatabase implements AutoCloseable {

    /** Flyway location of geo-service's schema. */
    public static final String GEO_MIGRATIONS = "classpath:db/migration/geo";

    private final HikariDataSource dataSource;

    private PostgisDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens a pool; the password is handed to the driver and never logged.
     *
     * @param poolSize maximum connections (JDBC work runs on that many worker threads at most)
     */
    public static PostgisDatabase open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("hub-db");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "community-hub");
        return new PostgisDatabase(new HikariDataSource(config));
    }

    /** Applies pending migrations from the given Flyway locations, in version order. */
    public void migrate(List<String> locations) {
        migrate(locations, null);
    }

    /**
     * Applies pending migrations; {@code initSql} (e.g. {@code SET hub.event_store = 'native'}) runs
     * on each connection Flyway opens, before any migration, so a migration can read a decision the
     * caller made ({@code current_setting(..., true)}). Null: none.
     */
    public void migrate(List<String> locations, String initSql) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new));
        if (initSql != null) {
            config.initSql(initSql);
        }
        config.load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
