package org.communityhub.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.http.MeteredVertx;
import org.communityhub.gateway.postgis.EventRetention;
import org.communityhub.gateway.postgis.PostgisAlertStore;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the hub and nothing else: databases and migrations ({@link HubDatabases}), the ingest path
 * ({@link HubIngest}), logins ({@link HubAuth}), the HTTP verticle ({@link HubHttp}), the change listener
 * and its dispatcher ({@link HubChanges}), the periodic jobs ({@link HubJobs}). {@link #start} blocks until the
 * hub serves; {@link #close} shuts down in the safe order ({@link HubShutdown}): stop taking
 * messages, drain and ack what was taken, disconnect, stop the listener, HTTP and Vert.x, close the pools.
 */
public final class HubApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);
    /** Flyway locations of the whole hub. */
    public static final List<String> MIGRATIONS = List.of(PostgisDatabase.GEO_MIGRATIONS, "classpath:db/migration/gateway");

    private final HubConfig config;
    private final HubShutdown shutdown = new HubShutdown();
    private HubDatabases databases;
    private int httpPort;

    private HubApplication(HubConfig config) {
        this.config = config;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static HubApplication start(HubConfig config) throws Exception {
        return start(config, MeteredVertx::create);
    }

    /** As {@link #start(HubConfig)}, on the Vert.x {@code vertx} builds with the hub's meters (tests keep a handle). */
    public static HubApplication start(HubConfig config, Function<MeterRegistry, Vertx> vertx) throws Exception {
        HubApplication app = new HubApplication(config);
        try {
            app.startAll(vertx);
            return app;
        } catch (Exception e) {
            app.close();
            throw e;
        }
    }

    private void startAll(Function<MeterRegistry, Vertx> vertxFor) throws Exception {
        Clock clock = Clock.systemUTC();
        LOG.info("starting Community Hub: {}", config);
        HubBasemap basemap = shutdown.add(HubBasemap.open(config)); // a bad HUB_BASEMAP_MBTILES stops the start first
        databases = shutdown.add(HubDatabases.open(config));
        DataSource ds = databases.main();
        EventRetention retention = new EventRetention(ds, config.retention(), clock);
        retention.run();
        HubIngest ingest = HubIngest.wire(config, ds, clock);
        Vertx vertx = vertxFor.apply(ingest.metrics().registry());
        shutdown.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
        HubAuth auth = HubAuth.wire(config, ds, vertx.createSharedWorkerExecutor("hub-db", config.dbPoolSize()), clock);
        PostgisAlertStore alerts = new PostgisAlertStore(ds);
        HubResponders responders = shutdown.add(HubResponders.wire(vertx, config, ds, alerts, clock));
        HubHttp http = shutdown.add(HubHttp.deploy(vertx, config, databases, auth, ingest, alerts, clock,
                responders.mounter(auth.api()), basemap));
        httpPort = http.port();
        shutdown.add(HubChanges.listener(config, databases, ingest, http, responders)).start();
        ingest.intake().onConnected(http::installDeviceLogins); // only then: see its Javadoc (a reload's crash)
        shutdown.add(ingest.intake()).start();
        HubJobs.start(vertx, config, retention, ingest.store(), alerts, http.cases().reminders(), clock);
        responders.start();
        LOG.info("Community Hub is serving on port {}", httpPort);
    }

    /** The pool of the anonymous public reads (operations and tests: its statement timeout, its load). */
    public DataSource publicDataSource() {
        return databases.publicReads();
    }

    public int httpPort() {
        return httpPort;
    }

    public HubConfig config() {
        return config;
    }

    /** Stops taking messages and drains them first, then the listener, the geo index, Vert.x, the pools. */
    @Override
    public void close() {
        LOG.info("stopping Community Hub");
        shutdown.close();
    }
}
