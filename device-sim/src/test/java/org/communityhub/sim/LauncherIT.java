package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.ReconnectingDevice;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./hub}) as an operator runs it, as a process: device logins after
 * {@code eval "$(./hub services env)"} (issue 13, day-one breaker 3), an outside broker, a retired
 * device, private files and folders, and the root-only fallback folder for service data (issue 14,
 * items 12, 13 and 14).
 */
class LauncherIT {

    /** How long a step waits for the private broker: its watchdog restarts a crashed Mosquitto within about 1 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Pattern LOGIN = Pattern.compile("username=(\\S+) password=(\\S+) community=(\\S+) type=(\\S+)");

    private static TestDatabase db;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void create() throws Exception {
        db = TestDatabase.create(HubApplication.MIGRATIONS);
        try (InputStream in = LauncherIT.class.getResourceAsStream("/fixtures/two-communities.geojson")) {
            assertThat(GeoImports.service(db.database().dataSource()).importGeoJson(in, null).ok()).isTrue();
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    /** What {@code eval "$(./hub services env)"} exports, with this test's database. */
    private static Map<String, String> readmeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HUB_DATA_DIR", HubTestServices.dataDir().toString());
        env.put("HUB_DB_URL", db.jdbcUrl());
        env.put("HUB_DB_USER", HubTestServices.dbUser());
        env.put("HUB_DB_PASSWORD", HubTestServices.dbPassword());
        env.put("HUB_MQTT_URL", HubTestServices.mqttUrl());
        env.put("HUB_MQTT_USER", HubTestServices.mqttUser());
        env.put("HUB_MQTT_PASSWORD", HubTestServices.mqttPassword());
        return env;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("hub")) && Files.isRegularFile(d.resolve("build/hub-services.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("the launcher ./hub was not found above " + Path.of("").toAbsolutePath());
    }

    private static TestDevice printed(Run r) {
        Matcher m = LOGIN.matcher(r.out());
        assertThat(m.find()).as("a login line in: %s / %s", r.out(), r.err()).isTrue();
        return new TestDevice(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    @Test
    void aPrintedLoginWorksOnThePrivateBrokerAfterEvalOfServicesEnv() throws Exception {
        Run r = run(readmeEnv(), "./hub", "device", "credentials", "ita-gate-1");
        assertThat(r.exit()).as(r.err()).isZero();
        TestDevice gate = printed(r);
        assertThat(gate.code()).isEqualTo("ita-gate-1");
        // Before the fix: Not authorized. A device that reconnects when the broker restarts (its watchdog's job).
        try (ReconnectingDevice device = new ReconnectingDevice(gate, HubTestServices.mqttUrl(), PATIENCE)) {
            device.publish(TestDevice.payload("launcher-1", "heartbeat", "{}"));
        }
    }

    @Test
    void anOutsideBrokerGetsTheLoginAndExactlyWhatToDo() throws Exception {
        Map<String, String> env = readmeEnv();
        env.put("HUB_MQTT_URL", "tcp://mqtt.example.org:1883");
        Run r = run(env, "./hub", "device", "credentials", "ita-cam-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(printed(r).code()).isEqualTo("ita-cam-1");
        assertThat(r.err()).contains("tcp://mqtt.example.org:1883 is not this checkout's private broker",
                "NOT installed", "mosquitto_passwd -b", "topic write hub/v1/C/T/CODE/event", "reload");
    }

    @Test
    void aRetiredDeviceLosesItsBrokerLogin() throws Exception {
        Run issued = run(readmeEnv(), "./hub", "device", "credentials", "ita-fb-1");
        assertThat(issued.exit()).as(issued.err()).isZero();
        TestDevice button = printed(issued);
        assertThat(button.loginTaken(HubTestServices.mqttUrl(), PATIENCE)).as("the issued login is taken").isTrue();
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE device SET install_state = 'retired' WHERE code = 'ita-fb-1'");
        }
        Run retired = run(readmeEnv(), "./hub", "device", "credentials", "ita-fb-1");
        assertThat(retired.exit()).isEqualTo(3);
        assertThat(retired.err()).contains("retired", "device_retired");
        assertThat(retired.out()).doesNotContain("password=");
        // The launcher reloads the broker by SIGHUP and returns; the broker re-reads its files on its next loop.
        HubFixture.await(PATIENCE, "the retired login refused (bad user name or password)", () -> !loginTaken(button));
        Run all = run(readmeEnv(), "./hub", "device", "credentials", "--all");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("username=ita-gate-1 ").doesNotContain("username=ita-fb-1 ");
    }

    @Test
    void theDataFolderIsPrivateAndSecretsAreWrittenPrivately() throws Exception {
        Run r = run(readmeEnv(), "./hub", "services", "env");
        assertThat(r.exit()).as(r.err()).isZero();
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(HubTestServices.dataDir()));
        // 711 only as root, so that the postgres and mosquitto users can pass into their own folders.
        assertThat(mode).isIn("rwx------", "rwx--x--x");
        Path file = tmp.resolve("device-credentials.txt");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Run w = run(Map.of("HUB_DATA_DIR", tmp.toString()), "bash", "-c",
                "set -e; source build/hub-services.sh; printf 'username=x password=y\\n' | write_private \"$1\"", "w",
                file.toString());
        assertThat(w.exit()).as(w.out() + w.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("username=x password=y\n");
        assertThat(Files.readString(root().resolve("hub"))).as("the demo writes its secrets with write_private")
                .contains("write_private \"$HUB_DATA_DIR/device-credentials.txt\"", "demo-users | write_private");
    }

    @Test
    void theRootFallbackFolderIsUnpredictableAndAForeignOneIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the fallback folder exists only for root");
        Path closed = Files.createTempDirectory("hub-closed"); // mode 700: the postgres user cannot enter it
        Path data = closed.resolve("data");
        Files.createDirectories(data);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data.toString()
                .getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        Path legacy = Path.of("/var/tmp/communityhub-" + md5);
        Map<String, String> env = Map.of("HUB_DATA_DIR", data.toString());
        String call = "set -e; source build/hub-services.sh; load_state; service_home pg postgres";
        try {
            Files.createDirectories(legacy);
            assertThat(run(List.of("chown", "65534", legacy.toString())).exit()).isZero();
            Run refused = run(env, "bash", "-c", call);
            assertThat(refused.exit()).as("a predictable folder made by another user is refused").isNotZero();
            assertThat(refused.err()).contains(legacy.toString(), "refusing");

            Files.delete(legacy);
            Run ok = run(env, "bash", "-c", call);
            assertThat(ok.exit()).as(ok.err()).isZero();
            Path chosen = Path.of(ok.out().strip()).getParent();
            assertThat(chosen.toString()).startsWith("/var/tmp/communityhub-").isNotEqualTo(legacy.toString());
            assertThat(Files.getOwner(chosen).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen))).isEqualTo("rwx--x--x");
            assertThat(Files.readString(data.resolve("state.env"))).contains("SERVICE_DIR=" + chosen);
            assertThat(run(env, "bash", "-c", call).out().strip()).as("remembered").isEqualTo(ok.out().strip());
            run(List.of("rm", "-rf", chosen.toString()));
        } finally {
            run(List.of("rm", "-rf", legacy.toString(), closed.toString()));
        }
    }

    /** Whether the broker takes the device's login (asking again while it restarts, up to {@link #PATIENCE}). */
    private static boolean loginTaken(TestDevice device) {
        try {
            return device.loginTaken(HubTestServices.mqttUrl(), PATIENCE);
        } catch (MqttException e) {
            throw new IllegalStateException("the broker did not answer within " + PATIENCE + ": " + e.getMessage(), e);
        }
    }

    private static Run run(List<String> command) throws Exception {
        return run(Map.of(), command.toArray(String[]::new));
    }
}
