package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.Measured;
import org.communityhub.sim.testing.FireAlarmProbe;
import org.communityhub.sim.testing.FireButtonSites;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of 10,000 events within about a second from 500 devices, each on its own MQTT login,
 * into a real hub: every event acknowledged by the broker is stored, exactly once; and 30 fire
 * buttons pressed while the burst is being worked reach a guard's live stream without waiting for
 * the backlog (median under 1 s; the p99 target is a benchmark, {@code bench/run alerts}).
 */
class BurstAgainstHubIT {

    private static final int DEVICES = 500;
    private static final int FIRE_BUTTONS = 30;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static Path credentials;

    @BeforeAll
    static void start() throws Exception {
        StringBuilder features = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        features.append(FireButtonSites.features(FIRE_BUTTONS)).append(',');
        for (int i = 0; i < DEVICES; i++) {
            double lon = 114.0511 + (i % 25) * 0.00015;
            double lat = 22.5411 + (i / 25) * 0.00015;
            features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                    + "\"coordinates\":[").append(lon).append(',').append(lat).append("]},\"properties\":{"
                    + "\"layer\":\"device\",\"code\":\"burst-").append(i).append("\",\"name\":\"闸机 ").append(i)
                    .append("\",\"type\":\"gate\",\"compound\":\"ita-q1\"}}");
        }
        features.append("]}");
        var report = GeoImports.service(hub.dataSource())
                .importGeoJson(new ByteArrayInputStream(features.toString().getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.ok()).as(report.render()).isTrue();
        var ds = hub.dataSource();
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        List<DeviceCredentials> logins = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (var c : creds.all()) {
            if (c.code().startsWith(FireButtonSites.PREFIX)) {
                logins.add(c);
            } else if (c.code().startsWith("burst-")) {
                logins.add(c);
                lines.append(c.line()).append('\n');
            }
        }
        BrokerLogins.addAll(logins);
        credentials = dir.resolve("burst-credentials.txt");
        Files.writeString(credentials, lines);
    }

    @Test
    void tenThousandEventsFromFiveHundredDevicesInASecondAreAllStoredOnceWhileFireAlarmsStayFast() throws Exception {
        String jdbcUrl;
        try (var c = hub.dataSource().getConnection()) {
            jdbcUrl = c.getMetaData().getURL();
        }
        List<TestDevice> buttons = new ArrayList<>();
        for (int i = 0; i < FIRE_BUTTONS; i++) {
            buttons.add(hub.device(FireButtonSites.button(i)));
        }
        ExecutorService presser = Executors.newSingleThreadExecutor();
        try (FireAlarmProbe probe = new FireAlarmProbe(hub.fixture(), buttons).connect("ita")) {
            // Pressed once the burst is arriving (500 of it stored), spread over one second.
            long before = hub.fixture().storedEvents();
            Future<Boolean> pressed = presser.submit(() -> probe.pressDuringBurst(
                    () -> hub.fixture().storedEvents() - before, 500, Duration.ofSeconds(90), Duration.ofSeconds(1)));
            assertBurstStoredOnce(runBurst(jdbcUrl));
            assertThat(pressed.get(30, TimeUnit.SECONDS)).as("the burst reached the hub").isTrue();
            long[] ms = probe.latenciesMs(Duration.ofSeconds(30));
            long p50 = ms.length == 0 ? -1 : ms[(ms.length - 1) / 2];
            long p99 = ms.length == 0 ? -1 : ms[(int) Math.ceil(0.99 * ms.length) - 1];
            System.out.printf("BurstAgainstHubIT: %d fire alarms during the burst, %d reached the stream; "
                    + "publish→stream p50 %d ms, p99 %d ms, max %d ms%n", probe.pressed(), ms.length, p50, p99,
                    ms.length == 0 ? -1 : ms[ms.length - 1]);
            // Where the time went: broker → hub (received_at − publish time), hub → commit (stored_at − received_at).
            System.out.println("BurstAgainstHubIT: fire alarms, ms at p50 / max: " + hub.column("SELECT concat_ws(' / ',"
                    + " 'broker→hub', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY b)), round(max(b)),"
                    + " 'hub→commit', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c)), round(max(c))) FROM ("
                    + " SELECT extract(epoch FROM received_at - event_time) * 1000 AS b,"
                    + " extract(epoch FROM stored_at - received_at) * 1000 AS c FROM event"
                    + " WHERE event_id LIKE '" + probe.idPrefix() + "%') t"));
            assertThat(ms).as("every fire alarm reached the guard's stream").hasSize(FIRE_BUTTONS);
            // Alarms must not wait for the backlog (through the bulk session they took 2.4–3.4 s at the median);
            // the p99 ≤ 1 s target itself is measured by bench/run alerts, not asserted in a timed test.
            Measured.atMost("fire alert median during the burst", p50, 1000, "ms");
            assertThat(hub.column("SELECT count(*) FROM alert WHERE EXISTS (SELECT 1 FROM unnest(event_ids) i"
                    + " WHERE i LIKE '" + probe.idPrefix() + "%')"))
                    .as("one alert per pressed button").containsExactly((long) FIRE_BUTTONS);
        } finally {
            presser.shutdownNow();
        }
    }

    private static SimRun runBurst(String jdbcUrl) throws Exception {
        return SimRun.run(Map.of("HUB_DB_PASSWORD", HubTestServices.dbPassword()), "load", "--json", "--quiet",
                "--credentials", credentials.toString(), "--mqtt-url", hub.mqttUrl(),
                "--rate", "10000", "--devices", String.valueOf(DEVICES), "--duration", "1s", "--drain", "60s",
                "--db-url", jdbcUrl, "--db-user", HubTestServices.dbUser());
    }

    private static void assertBurstStoredOnce(SimRun run) throws Exception {
        JsonNode report = run.json();
        System.out.println("BurstAgainstHubIT: " + report);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        long sent = report.path("sent").asLong();
        assertThat(sent).isGreaterThanOrEqualTo(9_500L);
        assertThat(report.path("acked").asLong()).isEqualTo(sent);
        assertThat(report.path("stored").asLong()).isEqualTo(sent);
        assertThat(report.path("lost").asLong()).isZero();
        assertThat(report.path("duplicated").asLong()).isZero();
        String prefix = report.path("run_prefix").asText();
        assertThat(hub.column("SELECT count(DISTINCT device_code) FROM event WHERE event_id LIKE '" + prefix + "-%'"))
                .as("every device took part").containsExactly((long) DEVICES);
    }
}
