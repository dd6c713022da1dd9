package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.communityhub.gateway.postgis.DeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of 10,000 events within about a second from 500 devices, each on its own MQTT login,
 * into a real hub: every event acknowledged by the broker is stored, exactly once.
 */
class BurstAgainstHubIT {

    private static final int DEVICES = 500;

    @TempDir
    static Path dir;
    private static HubFixture hub;
    private static Path credentials;

    @BeforeAll
    static void start() throws Exception {
        hub = HubFixture.start();
        StringBuilder features = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
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
        DeviceCredentials creds = new DeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        Map<String, String> logins = new HashMap<>();
        StringBuilder lines = new StringBuilder();
        for (var c : creds.all()) {
            if (c.username().startsWith("burst-")) {
                logins.put(c.username(), c.password());
                lines.append(c.line()).append('\n');
            }
        }
        BrokerLogins.addAll(logins);
        credentials = dir.resolve("burst-credentials.txt");
        Files.writeString(credentials, lines);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void tenThousandEventsFromFiveHundredDevicesInASecondAreAllStoredOnce() throws Exception {
        String jdbcUrl;
        try (var c = hub.dataSource().getConnection()) {
            jdbcUrl = c.getMetaData().getURL();
        }
        SimRun run = SimRun.run(Map.of("HUB_DB_PASSWORD", HubTestServices.dbPassword()), "load", "--json", "--quiet",
                "--credentials", credentials.toString(), "--mqtt-url", hub.mqttUrl(),
                "--rate", "10000", "--devices", String.valueOf(DEVICES), "--duration", "1s", "--drain", "60s",
                "--db-url", jdbcUrl, "--db-user", HubTestServices.dbUser());
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
