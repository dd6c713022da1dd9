package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The overview, event counts per bucket, the installer's device registry API and the metrics endpoint. */
class OperationsApiIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @BeforeAll
    static void start() throws Exception {
        TestDevice gate = hub.device("ita-gate-1");
        MqttClient c = gate.connect(hub.mqttUrl());
        try {
            gate.publish(c, TestDevice.payload("h1", "heartbeat", "{}"));
            gate.publish(c, TestDevice.payload("h2", "heartbeat", "{}"));
            gate.publish(c, TestDevice.payload("t1", "access.tailgating", "{\"direction\":\"in\",\"count\":3}"));
        } finally {
            c.disconnect();
            c.close();
        }
        HubFixture.await(Duration.ofSeconds(10), "3 events", () -> {
            try {
                return hub.column("SELECT count(*) FROM event").get(0).equals(3L);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void overviewCountsAlertsDevicesAndEventsPerHour() throws Exception {
        String guard = hub.login("guard", Role.SECURITY, "ita");
        JsonObject body = new JsonObject(hub.get("/api/v1/overview", guard).body());
        assertThat(body.getJsonArray("communities")).hasSize(1);
        JsonObject ita = body.getJsonArray("communities").getJsonObject(0);
        assertThat(ita.getString("code")).isEqualTo("ita");
        assertThat(ita.getJsonObject("open_alerts").getInteger("medium")).isEqualTo(1);
        assertThat(ita.getInteger("devices_total")).isEqualTo(
                ((Number) hub.column("SELECT count(*) FROM device WHERE community_code = 'ita'").get(0)).intValue());
        // The gate came online here; other devices of "ita" may be online from status messages that earlier tests
        // left retained on the shared broker, so the count is checked against the device states themselves.
        assertThat(hub.column("SELECT device_code FROM device_state WHERE status = 'online'")).contains("ita-gate-1");
        assertThat(ita.getInteger("devices_online")).isEqualTo(((Number) hub.column("SELECT count(*) FROM device_state s"
                + " JOIN device d ON d.code = s.device_code WHERE s.status = 'online' AND d.community_code = 'ita'")
                .get(0)).intValue());
        assertThat(ita.getJsonArray("events_per_hour").stream().mapToLong(o -> ((JsonObject) o).getLong("count")).sum())
                .isEqualTo(3);

        JsonObject counts = new JsonObject(hub.get("/api/v1/events/counts?bucket=60", guard).body());
        assertThat(counts.getJsonArray("counts").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("type").equals("heartbeat")).mapToLong(o -> o.getLong("count")).sum()).isEqualTo(2);
        assertThat(hub.get("/api/v1/events/counts?bucket=5", guard).statusCode()).isEqualTo(400);
    }

    @Test
    void installersRegisterDevicesInTheirCommunityAndSetTheirState() throws Exception {
        String installer = hub.login("installer", Role.INSTALLER, "ita");
        String body = "{\"code\":\"ita-cam-9\",\"name\":\"南门摄像头\",\"type\":\"camera\",\"compound\":\"ita-q1\","
                + "\"lon\":114.0541,\"lat\":22.5412}";
        HttpResponse<String> created = hub.post("/api/v1/devices", installer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(new JsonObject(created.body()).getString("status")).isEqualTo("never_seen");

        String foreign = body.replace("ita-cam-9", "itb-cam-9").replace("ita-q1", "itb-q1");
        assertThat(hub.post("/api/v1/devices", installer, foreign).statusCode()).isEqualTo(404);
        HttpResponse<String> badType = hub.post("/api/v1/devices", installer,
                body.replace("\"camera\"", "\"drone\"").replace("ita-cam-9", "ita-cam-10"));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badType.body()).getJsonObject("error").getString("message")).contains("type");
        assertThat(hub.post("/api/v1/devices", installer, "{\"code\":\"x\"}").body()).contains("name");

        HttpResponse<String> patched = hub.http().send(HttpRequest.newBuilder(hub.uri("/api/v1/devices/ita-cam-9"))
                .header("Authorization", "Bearer " + installer).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"install_state\":\"tested\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new JsonObject(patched.body()).getString("install_state")).isEqualTo("tested");
        String guard = hub.login("guard2", Role.SECURITY, "ita");
        assertThat(hub.post("/api/v1/devices", guard, body).statusCode()).isEqualTo(403);
    }

    @Test
    void metricsAreInPrometheusFormat() throws Exception {
        String text = hub.get("/metrics", null).body();
        assertThat(text).contains("# TYPE hub_events_stored_total counter").containsPattern("(?m)^hub_events_stored_total [1-9]")
                .contains("hub_events_rejected_total{reason=\"malformed_json\"}").contains("hub_commit_seconds_bucket");
        assertThat(text).contains("# TYPE hub_stream_connections gauge").containsPattern("(?m)^hub_stream_connections [0-9.]+$")
                .containsPattern("(?m)^jvm_heap_used_bytes [1-9]").containsPattern("(?m)^jvm_heap_committed_bytes [1-9]")
                .containsPattern("(?m)^jvm_heap_max_bytes (-1|[1-9])").containsPattern("(?m)^hub_ingest_backlog [0-9.]+$");
        assertThat(text).containsPattern("(?m)^vertx_pool_in_use\\{pool_name=\"hub-db\",pool_type=\"worker\"\\} ");
        // Vert.x's HTTP server meters, from the same registry: a finished /health request is counted, by method and code.
        assertThat(hub.get("/health", null).statusCode()).isEqualTo(200);
        Pattern counted = Pattern.compile("(?m)^vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*method=\"GET\"");
        HubFixture.await(Duration.ofSeconds(10), "a counted GET 200 on /metrics", () -> counted.matcher(scrape()).find());
    }

    @Test
    void metricsSplitAPublicReadIntoWorkerQueueWorkerThreadConnectionAcquireAndSql() throws Exception {
        // An OGC page runs on the public worker pool (locate and nearest are answered from memory, on the event loop).
        assertThat(hub.get("/collections/buildings/items?limit=2", null).statusCode()).isEqualTo(200);
        String text = scrape();
        assertThat(text).containsPattern(bucket("vertx_pool_queue_time_seconds", "pool_name=\"hub-public\""))
                .containsPattern(bucket("vertx_pool_usage_seconds", "pool_name=\"hub-public\""))
                .containsPattern(bucket("hikaricp_connections_acquire_seconds", "pool=\"hub-public\""))
                .containsPattern(bucket("hikaricp_connections_usage_seconds", "pool=\"hub-public\""))
                .containsPattern(bucket("hikaricp_connections_usage_seconds", "pool=\"hub-db\""))
                .containsPattern(bucket("vertx_http_server_response_time_seconds", "code=\"200\""));
    }

    /** The 1 s bucket of {@code timer} with {@code label}, having counted something (LatencyBuckets). */
    private static Pattern bucket(String timer, String label) {
        return Pattern.compile("(?m)^" + timer + "_bucket\\{(?=[^}]*" + Pattern.quote(label) + ")"
                + "(?=[^}]*le=\"1\\.0\")[^}]*\\} [1-9]");
    }

    private static String scrape() {
        try {
            return hub.get("/metrics", null).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
