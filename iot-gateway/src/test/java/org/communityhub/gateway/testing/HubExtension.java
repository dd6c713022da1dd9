package org.communityhub.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.config.HubConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link HubFixture} per test class, as a JUnit 5 extension: register it on a static field and the
 * hub starts before the class's own {@code @BeforeAll} methods and closes after its {@code @AfterAll}
 * methods, so those may use it for extra setup and tear their own things down first.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HubExtension hub = HubExtension.with(Map.of("HUB_ESCALATE_AFTER_SECONDS", "1"));
 * }</pre>
 *
 * <p>It offers the fixture's methods (device, login, get, post, column, dataSource, restart, ...) so a
 * test body reads as it did with a {@code HubFixture}; {@link #fixture()} gives the fixture itself to
 * helpers that take one. Starting costs what {@link HubFixture#startWith} costs (a template-cloned
 * database, the fixture import, an in-process hub), once per class. Not thread-safe: the callbacks run
 * on JUnit's thread; tests may call the delegating methods from any thread once the hub is up.
 */
public final class HubExtension implements BeforeAllCallback, AfterAllCallback {

    private final Callable<Map<String, String>> overrides;
    private final Callable<String> geojson;
    private volatile HubFixture fixture;

    private HubExtension(Callable<Map<String, String>> overrides, Callable<String> geojson) {
        this.overrides = overrides;
        this.geojson = geojson;
    }

    /** A hub with the fixture's default settings and the two-community fixture. */
    public static HubExtension withDefaults() {
        return with(Map.of());
    }

    /** A hub with {@code overrides} as extra HUB_* settings. */
    public static HubExtension with(Map<String, String> overrides) {
        Map<String, String> copy = Map.copyOf(overrides);
        return new HubExtension(() -> copy, () -> null);
    }

    /**
     * A hub whose extra settings are computed when the class starts, before its {@code @BeforeAll}
     * methods (e.g. the port of a server the supplier starts).
     */
    public static HubExtension with(Callable<Map<String, String>> overrides) {
        return new HubExtension(Objects.requireNonNull(overrides), () -> null);
    }

    /** The same hub with {@code geojson} (computed when the class starts) imported instead of the fixture. */
    public HubExtension importing(Callable<String> geojson) {
        return new HubExtension(overrides, Objects.requireNonNull(geojson));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        fixture = HubFixture.startWith(overrides.call(), geojson.call());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        HubFixture started = fixture;
        fixture = null;
        if (started != null) {
            started.close();
        }
    }

    /** The running fixture; fails clearly when the extension is not registered on a static field. */
    public HubFixture fixture() {
        HubFixture f = fixture;
        if (f == null) {
            throw new IllegalStateException("no hub: register HubExtension with @RegisterExtension on a static field");
        }
        return f;
    }

    public TestDevice device(String code) {
        return fixture().device(code);
    }

    /**
     * Publishes one event as the fixture device {@code code} over real MQTT: connects with its broker login,
     * publishes on its event topic with QoS 1 (returns after the PUBACK) and disconnects.
     */
    public void publish(String code, String payload) throws Exception {
        device(code).publishAll(mqttUrl(), List.of(payload));
    }

    public String login(String username, Role role, String community) throws Exception {
        return fixture().login(username, role, community);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return fixture().get(path, token);
    }

    public HttpResponse<String> post(String path, String token, String body) throws Exception {
        return fixture().post(path, token, body);
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        return fixture().delete(path, token);
    }

    public URI uri(String path) {
        return fixture().uri(path);
    }

    public String baseUrl() {
        return fixture().baseUrl();
    }

    public String mqttUrl() {
        return fixture().mqttUrl();
    }

    public HttpClient http() {
        return fixture().http();
    }

    public HubApplication app() {
        return fixture().app();
    }

    public HubConfig config() {
        return fixture().config();
    }

    public DataSource dataSource() {
        return fixture().dataSource();
    }

    public String diagnostics() {
        return fixture().diagnostics();
    }

    public List<Object> column(String sql) throws Exception {
        return fixture().column(sql);
    }

    /** See {@link HubFixture#restart()}. */
    public void restart() throws Exception {
        fixture().restart();
    }

    /** See {@link HubFixture#stopHub()}. */
    public void stopHub() {
        fixture().stopHub();
    }

    /** See {@link HubFixture#startHub()}. */
    public void startHub() throws Exception {
        fixture().startHub();
    }

    /** See {@link HubFixture#startAnotherInstance(String)}. */
    public HubApplication startAnotherInstance(String instanceId) throws Exception {
        return fixture().startAnotherInstance(instanceId);
    }
}
