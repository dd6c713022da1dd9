package org.communityhub.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.auth.AccessCheck;
import org.communityhub.gateway.auth.LoginService;
import org.communityhub.gateway.auth.LoginThrottle;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.TokenCodec;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseWorkflow;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.event.EventValidator;
import org.communityhub.gateway.http.ApiSupport;
import org.communityhub.gateway.http.CaseRoutes;
import org.communityhub.gateway.http.ContentSecurityPolicy;
import org.communityhub.gateway.http.HttpApiVerticle;
import org.communityhub.gateway.http.RouteGroups;
import org.communityhub.gateway.imaging.ImageIoPhotoSanitizer;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.mqtt.JsonPayloadDecoder;
import org.communityhub.gateway.mqtt.MqttIntake;
import org.communityhub.gateway.postgis.ChangeListener;
import org.communityhub.gateway.postgis.ChangeNotices;
import org.communityhub.gateway.postgis.EventRetention;
import org.communityhub.gateway.postgis.EventStoreSetup;
import org.communityhub.gateway.postgis.GeoPlaceLocator;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisAlertStore;
import org.communityhub.gateway.postgis.PostgisCaseStore;
import org.communityhub.gateway.postgis.PostgisDeviceDirectory;
import org.communityhub.gateway.postgis.PostgisDeviceQueries;
import org.communityhub.gateway.postgis.PostgisIncidentContext;
import org.communityhub.gateway.postgis.PostgisIngestStore;
import org.communityhub.gateway.postgis.PostgisPersonData;
import org.communityhub.gateway.postgis.PostgisStats;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.http.GeoHttpApi;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.communityhub.geo.nearest.IndexedGeoQueries;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the hub: database and migrations, the MQTT intake (sessions and ingest pipelines), the HTTP
 * verticle, the change listener and the periodic jobs (heartbeat timeout, escalation,
 * retention). {@link #start} blocks until the hub serves; {@link #close} shuts down in the safe
 * order: stop taking messages, drain and ack what was taken, disconnect, stop HTTP, close the pool.
 */
public final class HubApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);
    /** Flyway locations of the whole hub. */
    /** How long a login's role, community and token version are trusted before they are read again. */
    static final Duration AUTH_CACHE = Duration.ofSeconds(5);
    public static final List<String> MIGRATIONS = List.of(PostgisDatabase.GEO_MIGRATIONS, "classpath:db/migration/gateway");
    /** Pool and worker executor of the anonymous public reads (application_name {@code community-hub-public}). */
    public static final String PUBLIC_POOL = "hub-public";

    private final HubConfig config;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private PostgisDatabase database;
    private PostgisDatabase publicDatabase;
    private IngestMetrics metrics;
    private MqttIntake intake;
    private Vertx vertx;
    private int httpPort;

    private HubApplication(HubConfig config) {
        this.config = config;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static HubApplication start(HubConfig config) throws Exception {
        HubApplication app = new HubApplication(config);
        try {
            app.startAll();
            return app;
        } catch (Exception e) {
            app.close();
            throw e;
        }
    }

    /** Opens the pool and applies every migration (also used by the CLI); closes the pool again on failure. */
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
        db.migrate(MIGRATIONS, new EventStoreSetup(db.dataSource()).prepare(eventStore));
    }

    private void startAll() throws Exception {
        Clock clock = Clock.systemUTC();
        LOG.info("starting Community Hub: {}", config);
        HubConfig.Pools pools = config.pools();
        database = PostgisDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                config.dbPoolSize(), PostgisDatabase.MAIN_POOL, pools.statementTimeout());
        migrate(database, config.eventStore());
        // Anonymous public reads get a pool (and below, worker threads) of their own: ingestion and alerts never wait for them.
        publicDatabase = PostgisDatabase.open(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                pools.publicSize(), PUBLIC_POOL, pools.publicStatementTimeout());
        var ds = database.dataSource();
        EventRetention retention = new EventRetention(ds, config.retention(), clock);
        retention.run();

        InstallationSecrets secrets = new InstallationSecrets(ds);
        TokenCodec tokens = new TokenCodec(secrets.getOrCreate(InstallationSecrets.TOKEN_KEY), config.tokenLifetime(),
                clock);
        PostgisDeviceDirectory directory = new PostgisDeviceDirectory(ds, clock);
        AlertPolicy policy = new AlertPolicy(config.heldOpenThreshold(), config.correlationWindow());
        PostgisIngestStore ingestStore = new PostgisIngestStore(ds, policy, directory);
        metrics = new IngestMetrics();
        EventValidator validator = new EventValidator(directory, new JsonPayloadDecoder(), clock);
        intake = new MqttIntake(config, validator, ingestStore, metrics, clock);

        vertx = Vertx.vertx();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("hub-db", config.dbPoolSize());
        PostgisUserStore userStore = new PostgisUserStore(ds);
        ApiSupport api = new ApiSupport(workers, tokens, new AccessCheck(userStore, AUTH_CACHE, clock));
        PostgisAlertStore alerts = new PostgisAlertStore(ds);
        PostgisDeviceQueries deviceQueries = new PostgisDeviceQueries(ds);
        PostgisGeoQueries postgisGeo = new PostgisGeoQueries(ds);
        // Nearest-facility queries from memory; rebuilt on every facility change notice (any writer).
        // Public routes read through the public pool; the index reload and incident context use the main one.
        IndexedGeoQueries geoQueries = new IndexedGeoQueries(new PostgisGeoQueries(publicDatabase.dataSource()),
                postgisGeo);
        closing.add(geoQueries);
        geoQueries.reload();
        PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
        LoginService logins = new LoginService(userStore, hasher, tokens,
                new LoginThrottle(20, Duration.ofMinutes(5), clock), new LoginThrottle(300, Duration.ofMinutes(5), clock),
                clock);

        RouteGroups routes = new RouteGroups(vertx, api, alerts, deviceQueries,
                new PostgisIncidentContext(ds, postgisGeo), logins, new UserAdmin(userStore, hasher),
                metrics, intake::backlog, this::databaseUp, intake::isConnected, config, new PostgisStats(ds),
                new PostgisPersonData(ds), GeoImports.service(ds), () -> registryChanged(ds, directory),
                geoQueries::extent);
        List<Consumer<Router>> mounters = new ArrayList<>(routes.mounters());
        GeoHttpApi geoApi = new GeoHttpApi(vertx.createSharedWorkerExecutor(PUBLIC_POOL, pools.publicSize()),
                geoQueries);
        mounters.add(geoApi::mount);
        mounters.add(CaseRoutes.mounter(api, cases(ds, postgisGeo, clock), clock));
        HttpApiVerticle http = new HttpApiVerticle(config.httpPort(), config.maxBodyBytes(), mounters,
                config.trustedProxies(), ContentSecurityPolicy.forTiles(config.tiles().url()));
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        httpPort = http.actualPort();

        ChangeListener listener = new ChangeListener(config.dbUrl(), config.dbUser(), config.dbPassword().value(),
                payload -> {
                    if (payload.startsWith("device:") || payload.equals("devices")) {
                        directory.invalidate();
                    }
                    if (payload.equals("facilities") || payload.equals("resync")) {
                        geoQueries.reloadSoon();
                    }
                    if (payload.equals("hierarchy") || payload.equals("resync")) {
                        geoApi.hierarchyChanged();
                    }
                    routes.stream().onChange(payload);
                });
        listener.start();
        closing.add(listener);

        intake.start();
        schedule(3_600_000, "retention", () -> retention.run());
        schedule(Math.max(1000, config.heartbeatTimeout().toMillis() / 6), "heartbeat timeout",
                () -> ingestStore.sweepSilent(config.heartbeatTimeout()));
        schedule(5_000, "escalation", () -> alerts.escalateDue(config.escalateAfter()));
        LOG.info("Community Hub is serving on port {}", httpPort);
    }

    /** The cases application (issue 16): cases and photos in PostgreSQL, places from locate. */
    private static CaseService cases(javax.sql.DataSource ds, PostgisGeoQueries geo, Clock clock) {
        return new CaseService(new PostgisCaseStore(ds), new CaseWorkflow(java.util.Map.of()), new ImageIoPhotoSanitizer(),
                new GeoPlaceLocator(geo), clock);
    }

    /** The device registry changed here: every instance drops its device cache (via pg_notify). */
    private static void registryChanged(javax.sql.DataSource ds, PostgisDeviceDirectory directory) {
        directory.invalidate();
        ChangeNotices.devicesChanged(ds);
    }

    private boolean databaseUp() {
        try (Connection c = database.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    /** A periodic job on the worker pool; a failure is logged and the next run tries again. */
    private void schedule(long periodMs, String name, java.util.concurrent.Callable<?> job) {
        vertx.setPeriodic(periodMs, id -> vertx.executeBlocking(job, false)
                .onFailure(e -> LOG.warn("{} job failed: {}", name, e.getMessage())));
    }

    /** Events this instance has stored since it started (the rest of the stream went to other instances). */
    public long storedEvents() {
        return metrics == null ? 0 : metrics.storedCount();
    }

    /** The pool of the anonymous public reads (operations and tests: its statement timeout, its load). */
    public javax.sql.DataSource publicDataSource() {
        return publicDatabase.dataSource();
    }

    public int httpPort() {
        return httpPort;
    }

    public HubConfig config() {
        return config;
    }

    @Override
    public void close() {
        LOG.info("stopping Community Hub");
        if (intake != null) {
            intake.close();
        }
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("close: {}", e.getMessage());
            }
        }
        if (vertx != null) {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("Vert.x did not stop within 10 s");
            }
        }
        if (publicDatabase != null) {
            publicDatabase.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
