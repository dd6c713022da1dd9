package org.communityhub.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.sim.CredentialsFile;
import org.communityhub.sim.EventJson;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real hub (the gateway's {@link HubFixture}: own database, two-community fixture imported, device
 * logins in the real broker) plus what the simulator needs to drive it: a credentials file written
 * exactly as {@code ./hub device credentials --all} prints it, the database's JDBC URL and logins.
 * A JUnit 5 extension like {@link HubExtension}, which it builds on: register it on a static field
 * ({@code @RegisterExtension static final RealHub hub = RealHub.perClass();}); it starts before the
 * class's {@code @BeforeAll} methods. After all tests it clears the retained status messages its
 * devices left, so the next hub does not inherit them, closes the hub and deletes the credentials
 * file. Test support only; not thread-safe.
 */
public final class RealHub implements BeforeAllCallback, AfterAllCallback {

    private final HubExtension hub = HubExtension.withDefaults();
    private volatile Path credentials;

    private RealHub() {
    }

    /** A hub for one test class, started and stopped by JUnit. */
    public static RealHub perClass() {
        return new RealHub();
    }

    /** Starts the hub and writes its credentials file into a temporary folder. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        hub.beforeAll(context);
        DataSource ds = hub.dataSource();
        var creds = new org.communityhub.gateway.postgis.PostgisDeviceCredentials(ds,
                new InstallationSecrets(ds).getOrCreate(InstallationSecrets.DEVICE_KEY));
        String lines = creds.all().stream().map(c -> c.line() + "\n").collect(Collectors.joining());
        Path dir = Files.createTempDirectory("real-hub-");
        credentials = Files.writeString(dir.resolve("credentials.txt"), lines, StandardCharsets.UTF_8);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Path file = credentials;
        try {
            if (file != null) {
                clearRetainedStatuses();
            }
        } finally {
            credentials = null;
            hub.afterAll(context);
            if (file != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            }
        }
    }

    public HubFixture fixture() {
        return hub.fixture();
    }

    /** The credentials file, as {@code ./hub device credentials --all} prints it. */
    public Path credentialsFile() {
        return credentials;
    }

    /** Every registered device as the simulator reads it from the credentials file. */
    public List<DeviceCredentials> devices() {
        return CredentialsFile.read(credentials);
    }

    public DeviceCredentials device(String code) {
        return devices().stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    public String baseUrl() {
        return hub.baseUrl();
    }

    public String mqttUrl() {
        return hub.mqttUrl();
    }

    /** The JDBC URL of the hub's own database. */
    public String jdbcUrl() throws Exception {
        try (Connection c = hub.dataSource().getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    public String dbUser() {
        return HubTestServices.dbUser();
    }

    public String dbPassword() {
        return HubTestServices.dbPassword();
    }

    /** Creates a hub login (password {@link HubFixture#PASSWORD}) and returns its token. */
    public String login(String user, Role role, String community) throws Exception {
        return hub.login(user, role, community);
    }

    /** GET with a token; fails unless 200; the parsed body. */
    public JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = hub.get(path, token);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }

    /** Alerts visible to {@code token} (newest first), any status. */
    public List<JsonNode> alerts(String token) throws Exception {
        return list(get("/api/v1/alerts?limit=1000", token).get("alerts"));
    }

    /** Alerts of one device. */
    public List<JsonNode> alertsOf(String token, String device) throws Exception {
        return alerts(token).stream().filter(a -> device.equals(a.path("device").asText())).toList();
    }

    /** Reject reason codes listed for a device (installer or admin token). */
    public List<String> rejectReasons(String token, String device) throws Exception {
        return list(get("/api/v1/rejects?limit=1000&device=" + device, token).get("rejects")).stream()
                .map(r -> r.path("reason").asText()).toList();
    }

    /** Number of rows of the event table for a device. */
    public long storedEvents(String device) throws Exception {
        return (Long) hub.column("SELECT count(*) FROM event WHERE device_code = '" + device.replace("'", "") + "'").get(0);
    }

    /** Waits (polling every 100 ms) until {@code condition} holds or the deadline passes. */
    public static void await(Duration timeout, String what, Check condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
    }

    /** A condition that may throw. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** An HTTP address where nothing listens. */
    public static String closedHttpUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private void clearRetainedStatuses() {
        for (DeviceCredentials d : devices()) {
            try {
                MqttClient c = new MqttClient(mqttUrl(), "it-clear-" + d.code() + "-" + System.nanoTime(),
                        new MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setUserName(d.code());
                o.setPassword(d.password().getBytes(StandardCharsets.UTF_8));
                o.setConnectionTimeout(5);
                c.connect(o);
                c.publish(d.statusTopic(), new MqttMessage(new byte[0], 1, true, null));
                c.disconnect();
                c.close();
            } catch (Exception e) {
                // best effort: a retained status left behind only marks the device online in the next hub
                continue;
            }
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        if (array != null) {
            array.forEach(out::add);
        }
        return out;
    }
}
