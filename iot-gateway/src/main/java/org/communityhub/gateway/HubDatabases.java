package org.communityhub.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.postgis.EventStoreSetup;
import org.communityhub.gateway.postgis.ReplicaReads;
import org.communityhub.geo.postgis.PostgisDatabase;

/**
 * Opening and migrating the hub's database ({@link #openDatabase}, {@link #migrate}: also the CLI's), and
 * the running hub's two connection pools: the main one ({@value PostgisDatabase#MAIN_POOL}: ingestion,
 * alerts, logins, the index reloads; migrated on open) and the one of the anonymous public reads
 * ({@value #PUBLIC_POOL}), so that ingestion and alerts never wait for public readers. With
 * {@code HUB_DB_READ_URL} a third pool ({@value #REPLICA_POOL}) on a streaming replica answers the public reads
 * while it is usable ({@link ReplicaReads}). Cost: opening connects and migrates (seconds on a new database).
 * Thread-safe (the pools are).
 */
public final class HubDatabases implements AutoCloseable {

    /** Pool and worker executor of the anonymous public reads (application_name {@code community-hub-public}). */
    public static final String PUBLIC_POOL = "hub-public";
    /** Pool of the public reads on the read replica (application_name {@code community-hub-replica}). */
    static final String REPLICA_POOL = "hub-replica";

    private final PostgisDatabase main;
    private final PostgisDatabase publicReads;
    private final PostgisDatabase replica;
    private final ReplicaReads replicaReads;

    private HubDatabases(PostgisDatabase main, PostgisDatabase publicReads, PostgisDatabase replica,
                         ReplicaReads replicaReads) {
        this.main = main;
        this.publicReads = publicReads;
        this.replica = replica;
        this.replicaReads = replicaReads;
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
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
        PostgisDatabase publicReads = PostgisDatabase.open(config.dbUrl(), config.dbUser(),
                config.dbPassword().value(), pools.publicSize(), PUBLIC_POOL,
                pools.publicStatementTimeout());
        HubConfig.ReadReplica r = pools.readReplica();
        if (r == null) {
            return new HubDatabases(main, publicReads, null, null);
        }
        // A short wait for the replica's connections: when it just died, the primary answers instead.
        PostgisDatabase replica = PostgisDatabase.open(r.url(), r.user(), r.password().value(), pools.publicSize(),
                REPLICA_POOL, pools.publicStatementTimeout(), Duration.ofSeconds(2));
        ReplicaReads reads = new ReplicaReads(publicReads.dataSource(), replica.dataSource(), main.dataSource(), r);
        reads.start();
        return new HubDatabases(main, publicReads, replica, reads);
    }

    /**
     * Something public reads show changed (facilities, the hierarchy, an import here): with a read replica they
     * go to the primary until the replica has replayed it. Cheap; any thread.
     */
    void fence() {
        if (replicaReads != null) {
            replicaReads.fence();
        }
    }

    /** Both pools' {@code hikaricp_*} meters go to {@code meterRegistry} (a Micrometer registry); once. */
    void recordMetrics(Object meterRegistry) {
        main.recordMetrics(meterRegistry);
        publicReads.recordMetrics(meterRegistry);
        if (replicaReads != null) {
            replica.recordMetrics(meterRegistry);
            MeterRegistry registry = (MeterRegistry) meterRegistry;
            Gauge.builder("hub.db.replica.lag.seconds", replicaReads, ReplicaReads::lagSeconds).strongReference(true)
                    .description("How long the read replica has been behind the primary's WAL (0: caught up; NaN: "
                            + "unreachable or not a standby)").register(registry);
            Gauge.builder("hub.db.replica.in.use", replicaReads, rr -> rr.inUse() ? 1 : 0).strongReference(true)
                    .description("1 while the public reads go to the read replica, 0 while they go to the primary")
                    .register(registry);
        }
    }

    DataSource main() {
        return main.dataSource();
    }

    /** The public reads' source: the replica while it is usable, else the primary's public pool. */
    DataSource publicReads() {
        return replicaReads != null ? replicaReads : publicReads.dataSource();
    }

    @Override
    public void close() {
        if (replicaReads != null) {
            replicaReads.close();
            replica.close();
        }
        publicReads.close();
        main.close();
    }
}
