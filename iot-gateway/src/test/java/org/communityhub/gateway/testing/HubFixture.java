package org.communityhub.gateway.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.auth.PasswordHasher;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.http.MeteredVertx;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisUserStore;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;

/**
 * A real hub for integration tests: its own database (from the PostGIS template, migrated), the
 * two-community fixture imported, device logins installed in the real broker, and the hub
 * started in-process on a free port. The MQTT share group and client id are unique per fixture
 * and the session expires quickly, so fixtures never split or queue each other's traffic.
 */
public final class HubFixture implements AutoCloseable {

    public static final String PASSWORD = "correct-horse-battery";

    private final TestDatabase db;
    private final Map<String, String> env;
    private HubApplication app;
    private volatile Vertx vertx;
    private volatile MeterRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HubFixture(TestDatabase db, Map<String, String> env) {
        this.db = db;
        this.env = env;
    }

    /** Starts the hub on the fixture's settings, keeping a handle on its Vert.x and its meters. */
    private void launch() throws Exception {
        app = HubApplication.start(HubConfigLoader.load(env, false), meters -> {
            registry = meters;
            vertx = MeteredVertx.create(meters);
            return vertx;
        });
    }

    /** Starts a hub on a fresh database; {@code overrides} are extra HUB_* settings. */
    public static HubFixture start(Map<String, String> overrides) throws Exception {
        return startWith(overrides, null);
    }

    /**
     * As {@link #start(Map)} with {@code geojson} imported instead of the two-community fixture (e.g. the
     * generated demo subdistrict), or the fixture when it is null.
     */
    public static HubFixture startWith(Map<String, String> overrides, String geojson) throws Exception {
        TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS);
        try {
            try (InputStream in = geojson == null ? HubFixture.class.getResourceAsStream("/fixtures/two-communities.geojson")
                    : new java.io.ByteArrayInputStream(geojson.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                var report = GeoImports.service(db.database().dataSource()).importGeoJson(in, null);
                if (!report.ok()) {
                    throw new IllegalStateException("fixture import failed: " + report.render());
                }
            }
            String unique = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> env = HubEnv.of(db.jdbcUrl(), "it-" + unique);
            env.put("HUB_DB_POOL_SIZE", "8");
            env.putAll(overrides);
            installDeviceLogins(db.database().dataSource());
            HubFixture fixture = new HubFixture(db, env);
            fixture.launch();
            return fixture;
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    public static HubFixture start() throws Exception {
        return start(Map.of());
    }

    /** Stops the hub (drain, ack, disconnect) and starts it again with the same configuration and MQTT session. */
    public void restart() throws Exception {
        app.close();
        launch();
    }

    /** As {@link #restart()} with {@code extra} settings added for good (e.g. one that names this fixture's database). */
    public void restartWith(Map<String, String> extra) throws Exception {
        env.putAll(extra);
        restart();
    }

    /** Stops the hub without starting it again ({@link #close} still drops the database). */
    public void stopHub() {
        app.close();
    }

    /** Starts the hub again after {@link #stopHub}. */
    public void startHub() throws Exception {
        launch();
    }

    /** Another gateway instance on the same database and share group (scale-out). */
    public HubApplication startAnotherInstance(String instanceId) throws Exception {
        Map<String, String> other = new HashMap<>(env);
        other.put("HUB_INSTANCE_ID", instanceId);
        return HubApplication.start(HubConfigLoader.load(other, false));
    }

    /** Before the hub connects, in one reload: what {@code ./hub device credentials --all} provisions. */
    private static void installDeviceLogins(DataSource ds) {
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        BrokerLogins.addAll(creds.all());
    }

    public TestDevice device(String code) {
        DataSource ds = dataSource();
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        DeviceCredentials c = creds.get(code, false).orElseThrow();
        return new TestDevice(c.code(), c.password(), c.community(), c.type().code());
    }

    /** Creates a login and returns its token. */
    public String login(String username, Role role, String community) throws Exception {
        new UserAdmin(new PostgisUserStore(dataSource()), new PasswordHasher(1000))
                .save(username, PASSWORD.toCharArray(), role, community, "it", null);
        HttpResponse<String> r = post("/api/v1/login", null,
                new JsonObject().put("username", username).put("password", PASSWORD).encode());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    public String mqttUrl() {
        return HubTestServices.mqttUrl();
    }

    public HttpClient http() {
        return http;
    }

    /** The running hub's Vert.x (tests that take the hub's own worker pools by name, e.g. {@code hub-photos}). */
    public Vertx vertx() {
        return vertx;
    }

    /**
     * Events the running hub has stored since it started ({@code hub_events_stored_total}; the rest of the stream went
     * to other instances), read from its meters in this JVM: cheap enough to poll.
     */
    public long storedEvents() {
        Counter stored = registry.find("hub.events.stored").counter();
        return stored == null ? 0 : (long) stored.count();
    }

    public HubApplication app() {
        return app;
    }

    public HubConfig config() {
        return app.config();
    }

    public DataSource dataSource() {
        return db.database().dataSource();
    }

    /** Waits until {@code condition} holds, polling every 50 ms, or fails after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        await(timeout, () -> what, condition);
    }

    /** As {@link #await(Duration, String, BooleanSupplier)}, describing the failure only when it happens. */
    public static void await(Duration timeout, java.util.function.Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    /** What the hub stored so far, for failure messages. */
    public String diagnostics() {
        try {
            return "events=" + column("SELECT count(*) FROM event") + " rejects="
                    + column("SELECT reason || ': ' || detail FROM rejected_message") + " alerts="
                    + column("SELECT count(*) FROM alert");
        } catch (Exception e) {
            return "diagnostics unavailable: " + e;
        }
    }

    /** Runs a one-column SQL query on the fixture's database. */
    public List<Object> column(String sql) throws Exception {
        try (var c = dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            List<Object> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
            return out;
        }
    }

    @Override
    public void close() {
        app.close();
        HubSessions.end(app.config());
        db.close();
    }
}
