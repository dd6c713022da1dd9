package org.communityhub.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.http.CaseRoutes;
import org.communityhub.gateway.http.DeviceCheckRoutes;
import org.communityhub.gateway.http.DeviceLoginRoutes;
import org.communityhub.gateway.http.ContentSecurityPolicy;
import org.communityhub.gateway.http.HttpApiVerticle;
import org.communityhub.gateway.http.NotificationRoutes;
import org.communityhub.gateway.http.PublicOrigin;
import org.communityhub.gateway.http.RouteGroups;
import org.communityhub.gateway.imaging.QrCodes;
import org.communityhub.gateway.postgis.ChangePublisher;
import org.communityhub.gateway.postgis.DatabaseProbe;
import org.communityhub.gateway.postgis.PostgisAuditLog;
import org.communityhub.gateway.postgis.PostgisDeviceChecks;
import org.communityhub.gateway.postgis.PostgisDeviceQueries;
import org.communityhub.gateway.postgis.PostgisIncidentContext;
import org.communityhub.gateway.postgis.PostgisPersonData;
import org.communityhub.gateway.postgis.PostgisStats;
import org.communityhub.gateway.ws.AlertStream;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.http.GeoHttpApi;
import org.communityhub.geo.nearest.IndexedGeoQueries;
import org.communityhub.geo.postgis.PostgisAreaCatalogue;
import org.communityhub.geo.postgis.PostgisGeoQueries;

/**
 * Wiring of the HTTP side: the hub's route groups (API, stream, operations), the public geo API on a
 * worker pool of its own ({@value HubDatabases#PUBLIC_POOL}) over the in-memory nearest-facility index,
 * the offline basemap's tiles on that pool too ({@link HubBasemap}), and the verticle that serves them.
 * {@link #deploy} loads the index and blocks until the port is bound (at most 30 s). The parts are thread-safe.
 *
 * @param port the bound HTTP port
 * @param stream the alert stream (it receives change notices)
 * @param geo the public geo API (its hierarchy cache is dropped on hierarchy notices)
 * @param index the in-memory nearest-facility and locate indexes (rebuilt on facility and hierarchy notices)
 * @param cases the cases application, notifications and reminders the routes serve
 * @param logins the device logins, rendered into the broker's files when the hub owns them
 */
record HubHttp(int port, AlertStream stream, GeoHttpApi geo, IndexedGeoQueries index, HubCases cases,
        HubDeviceLogins logins)
        implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HubHttp.class);
    /** The worker executor that re-encodes case photos ({@code HUB_CASE_PHOTO_THREADS} threads). */
    static final String PHOTO_POOL = "hub-photos";

    static HubHttp deploy(Vertx vertx, HubConfig config, HubDatabases databases, HubAuth auth, HubIngest ingest,
                          AlertStore alerts, Clock clock, Consumer<Router> responders, HubBasemap basemap)
            throws Exception {
        DataSource ds = databases.main();
        databases.recordMetrics(ingest.metrics().registry());
        // Nearest facilities from memory: public reads on the public pool, the reloads on the main one.
        IndexedGeoQueries geoQueries = new IndexedGeoQueries(new PostgisGeoQueries(databases.publicReads()),
                new PostgisGeoQueries(ds), new PostgisAreaCatalogue(ds));
        geoQueries.reload();
        HubCases cases = HubCases.wire(config, ds, clock);
        // Installed by installDeviceLogins once connected; a change meanwhile is written, its reload waits for that.
        HubDeviceLogins logins = HubDeviceLogins.of(config, ds, ingest.intake()::isConnected);
        AlertStream stream = new AlertStream(vertx, auth.api(), alerts, new PostgisDeviceQueries(ds), cases.notifications(),
                config.streamMaxConnections(), config.streamMaxPerUser(), ingest.metrics().streamStages());
        ingest.committed().connect(stream); // this instance's alerts reach its stream without the notice's round trip
        RouteGroups routes = new RouteGroups(auth.api(), alerts, new PostgisDeviceQueries(ds),
                new PostgisIncidentContext(ds, new PostgisGeoQueries(ds)), auth.logins(), auth.admin(),
                ingest.metrics(), ingest.intake()::backlog, new DatabaseProbe(ds), ingest.intake()::isConnected,
                config, new PostgisStats(ds), new PostgisPersonData(ds), new PostgisAuditLog(ds),
                GeoImports.service(ds), () -> {
                    databases.fence(); // an import here: public reads stay on the primary until the replica has it
                    registryChanged(ds, ingest, logins);
                }, geoQueries::extent, stream::connections, basemap.info());
        WorkerExecutor publicWorkers = vertx.createSharedWorkerExecutor(HubDatabases.PUBLIC_POOL,
                config.pools().publicSize());
        GeoHttpApi geo = new GeoHttpApi(publicWorkers, geoQueries);
        // The anonymous geo routes and basemap tiles first: the busiest paths are matched before the ~50 logged-in ones.
        List<Consumer<Router>> mounters = new ArrayList<>(List.of(geo::mount, basemap.mounter(publicWorkers)));
        mounters.addAll(routes.mounters());
        mounters.add(stream::mount);
        mounters.add(DeviceLoginRoutes.mounter(auth.api(), new PostgisDeviceQueries(ds), logins, new PostgisAuditLog(ds),
                QrCodes.IMAGES, config::deviceMqttUrl));
        mounters.add(DeviceCheckRoutes.mounter(auth.api(), new PostgisDeviceQueries(ds), new PostgisDeviceChecks(ds),
                new PostgisAuditLog(ds)));
        mounters.add(responders);
        mounters.add(CaseRoutes.mounter(auth.api(), cases.service(), clock, QrCodes.IMAGES,
                config.cases().uploads(), vertx.createSharedWorkerExecutor(PHOTO_POOL, config.cases().photoThreads()),
                config.cases().photoThreads(), ingest.metrics().registry(),
                new PublicOrigin(config.responders().publicUrlSet() ? config.responders().publicUrl() : null,
                        config.trustedProxies())));
        mounters.add(new NotificationRoutes(auth.api(), cases.notifications(), clock)::mount);
        HttpApiVerticle http = new HttpApiVerticle(config.httpPort(), config.maxBodyBytes(), mounters,
                config.trustedProxies(), ContentSecurityPolicy.forTiles(config.tiles().url()));
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        return new HubHttp(http.actualPort(), stream, geo, geoQueries, cases, logins);
    }

    /**
     * Renders the device logins into the broker's files when the hub owns them, and reloads the broker: run each time
     * this hub's own MQTT sessions have connected (at the start and after a reconnect), and only then does the hub
     * reload (a change while they are away is written and waits for this). Mosquitto (2.0.11, and the same code
     * upstream) re-checks every session's login on a reload; a session restored from its persistence file has no
     * password to check, so the broker "disconnects" it again, adding it to its session-expiry list once more each
     * time; when the hub then takes the session over, the broker frees it but leaves the extra entries, and segfaults
     * when it reaches one. Connected first, the session is the hub's live one, whose login passes. Blocking (a query,
     * file I/O, one process).
     */
    void installDeviceLogins() {
        syncLogins(logins);
    }

    /** Stops the index's background reloads (the verticle stops with Vert.x). */
    @Override
    public void close() {
        index.close();
    }

    /** The device registry changed here: this instance drops its device cache, every other one on the notice. */
    private static void registryChanged(DataSource ds, HubIngest ingest, HubDeviceLogins logins) {
        ingest.directory().invalidate();
        ChangePublisher.publish(ds, new ChangeNotice.DevicesChanged());
        syncLogins(logins); // a retired device's login leaves the broker
    }

    /** Renders the device logins into the broker's files when the hub owns them; a failure is logged, not thrown. */
    private static void syncLogins(HubDeviceLogins logins) {
        try {
            logins.sync();
        } catch (RuntimeException e) {
            LOG.warn("cannot install the device logins on the broker: {}", e.getMessage());
        }
    }
}
