package org.communityhub.gateway;

import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.postgis.EventStoreSetup;
import org.communityhub.geo.postgis.PostgisDatabase;

/**
 * Opening and migrating the hub's database ({@link #openDatabase}, {@link #migrate}: also the CLI's), and
 * the running hub's two connection pools: the main one ({@value PostgisDatabase#MAIN_POOL}: ingestion,
 * alerts, logins, the index reloads; migrated on open) and the one of the anonymous public reads
 * ({@value HubApplication#PUBLIC_POOL}), so that ingestion and alerts never wait for public readers.
 * Cost: opening connects and migrates (seconds on a new database). Thread-safe (the pools are).
 */
public final class HubDatabases implements AutoCloseable {

    private final PostgisDatabase main;
    private final PostgisDatabase publicReads;

    private HubDatabases(PostgisDatabase main, PostgisDatabase publicReads) {
        this.main = main;
        this.publicReads = publicReads;
    }

    /** Opens a pool and applies every migration (the CLI's commands); closes the pool again on failure. */
    public static PostgisDatabase openDatabase(HubConfig config) {
        PostgisDatabase db = PostgisDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                config.dbPoolSize());
        try {
            migrate(db, config.eventStore());
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Chooses the event store ({@code HUB_EVENT_STORE}, one log line), then applies every migration. */
    public static void migrate(PostgisDatabase db, HubConfig.EventStore eventStore) {
        db.migrate(HubApplication.MIGRATIONS, new EventStoreSetup(db.dataSource()).prepare(eventStore));
    }

    /** Opens and migrates the main pool, then opens the public one; closes what it opened on failure. */
    static HubDatabases open(HubConfig config) {
        HubConfig.Pools pools = config.pools();
        PostgisDatabase main = PostgisDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                config.dbPoolSize(), PostgisDatabase.MAIN_POOL, pools.statementTimeout());
        try {
            migrate(main, config.eventStore());
            return new HubDatabases(main, PostgisDatabase.open(config.dbUrl(), config.dbUser(),
                    config.dbPassword().value(), pools.publicSize(), HubApplication.PUBLIC_POOL,
                    pools.publicStatementTimeout()));
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    /** Both pools' {@code hikaricp_*} meters go to {@code meterRegistry} (a Micrometer registry); once. */
    void recordMetrics(Object meterRegistry) {
        main.recordMetrics(meterRegistry);
        publicReads.recordMetrics(meterRegistry);
    }

    DataSource main() {
        return main.dataSource();
    }

    DataSource publicReads() {
        return publicReads.dataSource();
    }

    @Override
    public void close() {
        publicReads.close();
        main.close();
    }
}
