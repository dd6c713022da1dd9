package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test mode (issue 18, CONTRACT §9): a fire button in test mode still has its events stored and raises its alert,
 * marked {@code "test": true} and not paged to any channel; a device not in test mode raises ordinary alerts
 * (paged); entering and leaving are audited; test mode ends by itself when its time is up.
 */
class TestModeIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static HttpResponse<String> patch(String code, String token, String body) throws Exception {
        URI uri = hub.uri("/api/v1/devices/" + code);
        return hub.http().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("content-type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject awaitAlert(String device, String token) {
        AtomicReference<JsonObject> found = new AtomicReference<>();
        HubFixture.await(Duration.ofSeconds(20), "an alert of " + device, () -> {
            try {
                Optional<JsonObject> a = new JsonObject(hub.get("/api/v1/alerts?community=ita", token).body())
                        .getJsonArray("alerts").stream().map(JsonObject.class::cast)
                        .filter(x -> device.equals(x.getString("device"))).findFirst();
                a.ifPresent(found::set);
                return a.isPresent();
            } catch (Exception e) {
                return false;
            }
        });
        return found.get();
    }

    private static void alarm(String code, String id) throws Exception {
        hub.device(code).publishAll(hub.mqttUrl(), List.of(TestDevice.payload(id, "fire.alarm", "{\"floor\":2}")));
    }

    @Test
    void aFireButtonInTestModeRaisesATestAlertAndLeavingIsAudited() throws Exception {
        String installer = hub.login("inst-test", Role.INSTALLER, "ita");
        String admin = hub.login("admin-test", Role.ADMIN, null);
        HttpResponse<String> channel = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "guards")
                .put("kind", "webhook").put("url", "http://127.0.0.1:9/hook").encode());
        assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
        HttpResponse<String> entered = patch("ita-fb-1", installer, "{\"test_mode\": true}");
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(200);
        assertThat(new JsonObject(entered.body()).getBoolean("test_mode")).isTrue();
        assertThat(new JsonObject(entered.body()).getString("test_mode_until")).isNotNull();

        alarm("ita-fb-1", "tm-alarm-1");
        JsonObject alert = awaitAlert("ita-fb-1", installer);
        assertThat(alert.getBoolean("test")).as(alert.encode()).isTrue();
        assertThat(hub.fixture().column("SELECT event_id FROM event WHERE device_code = 'ita-fb-1'")).contains("tm-alarm-1");

        HttpResponse<String> left = patch("ita-fb-1", installer, "{\"test_mode\": false}");
        assertThat(new JsonObject(left.body()).getBoolean("test_mode")).isFalse();
        String audit = hub.get("/api/v1/admin/audit?object_type=device&object_id=ita-fb-1", admin).body();
        assertThat(audit).contains("device.test_mode.enter", "device.test_mode.leave", "inst-test");

        alarm("ita-fb-2", "tm-alarm-2");
        JsonObject real = awaitAlert("ita-fb-2", installer);
        assertThat(real.getBoolean("test")).isFalse();
        assertThat(hub.fixture().column("SELECT count(*) FROM delivery WHERE alert_id = " + alert.getLong("id")))
                .as("a test alert is not paged").containsExactly(0L);
        assertThat(hub.fixture().column("SELECT count(*) FROM delivery WHERE alert_id = " + real.getLong("id")))
                .as("an ordinary one is").containsExactly(1L);
    }

    @Test
    void testModeEndsByItselfAndTakesOnlyABoolean() throws Exception {
        String installer = hub.login("inst-test-2", Role.INSTALLER, "ita");
        assertThat(patch("ita-cam-1", installer, "{\"test_mode\": \"yes\"}").statusCode()).isEqualTo(400);
        assertThat(patch("ita-cam-1", installer, "{\"test_mode\": true}").statusCode()).isEqualTo(200);
        // Its time is up (HUB_TEST_MODE_HOURS after entering).
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE device SET test_mode_until = now() - interval '1 second' WHERE code = 'ita-cam-1'");
        }
        JsonObject camera = new JsonObject(hub.get("/api/v1/devices", installer).body()).getJsonArray("devices").stream()
                .map(JsonObject.class::cast).filter(d -> "ita-cam-1".equals(d.getString("code"))).findFirst().orElseThrow();
        assertThat(camera.getBoolean("test_mode")).isFalse();
        String installerB = hub.login("inst-test-b", Role.INSTALLER, "itb");
        assertThat(patch("ita-cam-1", installerB, "{\"test_mode\": true}").statusCode()).isEqualTo(404);
    }
}
