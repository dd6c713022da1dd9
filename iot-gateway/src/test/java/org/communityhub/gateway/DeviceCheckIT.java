package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installer's check from the phone (issue 18, CONTRACT §9): it passes once the device shows online and its
 * {@code check-} event is stored, which marks the device {@code tested} by the installer; it fails with the reject's
 * reason code when the check event is rejected; another community's device is 404.
 */
class DeviceCheckIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static JsonObject awaitVerdict(String code, String token) {
        AtomicReference<JsonObject> last = new AtomicReference<>();
        HubFixture.await(Duration.ofSeconds(30), () -> "a verdict, last " + last.get(), () -> {
            try {
                JsonObject check = new JsonObject(hub.get("/api/v1/devices/" + code + "/check", token).body());
                last.set(check);
                return !"waiting".equals(check.getString("result"));
            } catch (Exception e) {
                return false;
            }
        });
        return last.get();
    }

    private static void online(MqttClient client, TestDevice device) throws Exception {
        MqttMessage status = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
        status.setQos(1);
        status.setRetained(true);
        client.publish(device.topic("status"), status);
    }

    /**
     * The broker is shared by every test class: the retained {@code online} published here would bring these
     * devices online in the next class's hub (e.g. the installer page expects a device never seen), so it is cleared.
     */
    @AfterEach
    void clearRetainedStatus() throws Exception {
        for (String code : List.of("ita-gate-1", "ita-fb-1")) {
            TestDevice device = hub.device(code);
            MqttClient client = device.connect(hub.mqttUrl());
            try {
                MqttMessage clear = new MqttMessage(new byte[0]);
                clear.setQos(1);
                clear.setRetained(true);
                client.publish(device.topic("status"), clear);
            } finally {
                client.disconnect();
                client.close();
            }
        }
    }

    @Test
    void aCheckPassesWhenTheDeviceIsOnlineAndItsCheckEventIsStoredAndMarksItTested() throws Exception {
        String installer = hub.login("inst-check", Role.INSTALLER, "ita");
        var started = hub.post("/api/v1/devices/ita-gate-1/check", installer, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(new JsonObject(started.body()).getString("result")).isEqualTo("waiting");
        JsonObject waiting = new JsonObject(hub.get("/api/v1/devices/ita-gate-1/check", installer).body());
        assertThat(waiting.getString("result")).isEqualTo("waiting");
        assertThat(waiting.getJsonArray("steps")).isNotEmpty();

        TestDevice gate = hub.device("ita-gate-1");
        MqttClient client = gate.connect(hub.mqttUrl());
        try {
            online(client, gate);
            gate.publish(client, TestDevice.payload("check-1700000000000", "access.granted",
                    "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-installer-test\"}"));
        } finally {
            client.disconnect();
            client.close();
        }
        JsonObject verdict = awaitVerdict("ita-gate-1", installer);
        assertThat(verdict.getString("result")).as(verdict.encode()).isEqualTo("pass");
        assertThat(verdict.getString("cause")).isNull();
        assertThat(verdict.getString("tested_by")).isEqualTo("inst-check");
        JsonArray devices = new JsonObject(hub.get("/api/v1/devices", installer).body()).getJsonArray("devices");
        JsonObject gateView = devices.stream().map(JsonObject.class::cast)
                .filter(d -> "ita-gate-1".equals(d.getString("code"))).findFirst().orElseThrow();
        assertThat(gateView.getString("install_state")).isEqualTo("tested");
        assertThat(hub.fixture().column("SELECT tested_by FROM device WHERE code = 'ita-gate-1'")).containsExactly("inst-check");
    }

    @Test
    void aRejectedCheckEventFailsTheCheckWithTheRejectsReasonCode() throws Exception {
        String installer = hub.login("inst-fail", Role.INSTALLER, "ita");
        assertThat(hub.post("/api/v1/devices/ita-fb-1/check", installer, "").statusCode()).isEqualTo(202);
        TestDevice button = hub.device("ita-fb-1");
        MqttClient client = button.connect(hub.mqttUrl());
        try {
            online(client, button);
            // A gate's event type from a fire button: rejected as wrong_event_type.
            button.publish(client, TestDevice.payload("check-1700000000001", "access.granted",
                    "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-installer-test\"}"));
        } finally {
            client.disconnect();
            client.close();
        }
        JsonObject verdict = awaitVerdict("ita-fb-1", installer);
        assertThat(verdict.getString("result")).as(verdict.encode()).isEqualTo("fail");
        assertThat(verdict.getString("cause")).isEqualTo("wrong_event_type");
        assertThat(hub.fixture().column("SELECT install_state FROM device WHERE code = 'ita-fb-1'"))
                .doesNotContain("tested");
    }

    @Test
    void anotherCommunitysDeviceIsNotFound() throws Exception {
        String installerB = hub.login("inst-check-b", Role.INSTALLER, "itb");
        assertThat(hub.post("/api/v1/devices/ita-cam-1/check", installerB, "").statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/devices/ita-cam-1/check", installerB).statusCode()).isEqualTo(404);
        String guard = hub.login("guard-check", Role.SECURITY, "ita");
        assertThat(hub.post("/api/v1/devices/ita-cam-1/check", guard, "").statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/devices/itb-cam-1/check", installerB).statusCode()).isEqualTo(404);
    }
}
