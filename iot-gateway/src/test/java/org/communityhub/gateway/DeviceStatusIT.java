package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubMetrics;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Device liveness: a retained {@code online}, a Last Will {@code offline} when the connection
 * drops, and the heartbeat timeout for a device that goes silent without a Will. Going offline
 * opens a low maintenance alert. The timeout is 3 s here so the test is quick.
 */
class DeviceStatusIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_HEARTBEAT_TIMEOUT_SECONDS", "3"));
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        admin = hub.login("root", Role.ADMIN, null);
    }

    @Test
    void aDroppedConnectionFiresTheWillAndTheDeviceGoesOfflineWithAMaintenanceAlert() throws Exception {
        TestDevice camera = hub.device("ita-cam-1");
        MqttClient client = new MqttClient(hub.mqttUrl(), "it-will-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(camera.code());
        o.setPassword(camera.password().getBytes(StandardCharsets.UTF_8));
        o.setKeepAliveInterval(10);
        MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(camera.topic("status"), will);
        client.connect(o);
        MqttMessage online = new MqttMessage("online".getBytes(StandardCharsets.UTF_8));
        online.setQos(1);
        online.setRetained(true);
        client.publish(camera.topic("status"), online);
        awaitStatus("ita-cam-1", "online", Duration.ofSeconds(10));

        client.disconnectForcibly(0, 1, false); // no DISCONNECT packet: the broker publishes the Will
        client.close(true);
        awaitStatus("ita-cam-1", "offline", Duration.ofSeconds(16));
        HubFixture.await(Duration.ofSeconds(10), "a maintenance alert for the camera", () -> {
            try {
                return hub.get("/api/v1/alerts?severity=low", admin).body().contains("ita-cam-1");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aSilentDeviceWithoutAWillGoesOfflineAfterTheHeartbeatTimeout() throws Exception {
        TestDevice gate = hub.device("ita-gate-1");
        MqttClient c = gate.connect(hub.mqttUrl());
        try {
            gate.publish(c, TestDevice.payload("hb-1", "heartbeat", "{\"battery\":90,\"rssi\":-60}"));
        } finally {
            c.disconnect();
            c.close();
        }
        awaitStatus("ita-gate-1", "online", Duration.ofSeconds(10));
        awaitStatus("ita-gate-1", "offline", Duration.ofSeconds(3 + 2 + 5));
        assertThat(hub.column("SELECT severity FROM alert WHERE device_code = 'ita-gate-1'")).containsExactly("low");
    }

    /**
     * Issue 19: the database is the source of truth for a device's status, a status message a live event. A camera
     * leaves a retained {@code online} on the broker and goes silent without a Will: the heartbeat timeout marks it
     * offline. The hub then subscribes again (a restart; after a broker restart, or on another broker node, the same
     * happens): the broker's stale retained copy must not bring it back online. The hub counts status messages as
     * it works them, one device's in order, so once the live status sent after the restart is counted, a retained
     * copy delivered at the subscription would have been counted before it.
     */
    @Test
    void aRetainedStatusLeftOnTheBrokerDoesNotOverrideTheDatabase() throws Exception {
        TestDevice camera = hub.device("itb-cam-1");
        MqttClient c = camera.connect(hub.mqttUrl());
        try {
            publishStatus(c, camera, "online", true);
        } finally {
            c.disconnect();
            c.close();
        }
        try {
            awaitStatus("itb-cam-1", "online", Duration.ofSeconds(10));
            awaitStatus("itb-cam-1", "offline", Duration.ofSeconds(3 + 2 + 5));
            hub.restart();
            HubMetrics metrics = new HubMetrics(hub.baseUrl());
            MqttClient live = camera.connect(hub.mqttUrl());
            try {
                publishStatus(live, camera, "offline", false);
            } finally {
                live.disconnect();
                live.close();
            }
            HubFixture.await(Duration.ofSeconds(10), "the live status counted",
                    () -> metrics.value("hub_status_messages_total") >= 1);
            assertThat(metrics.value("hub_status_messages_total")).as("the retained online was never taken").isEqualTo(1);
            JsonObject device = new JsonObject(hub.get("/api/v1/devices/itb-cam-1", admin).body());
            assertThat(device.getString("status")).isEqualTo("offline");
        } finally {
            MqttClient clear = camera.connect(hub.mqttUrl());
            try {
                publishStatus(clear, camera, "", true); // an empty retained message deletes the broker's copy
            } finally {
                clear.disconnect();
                clear.close();
            }
        }
    }

    private static void publishStatus(MqttClient client, TestDevice device, String status, boolean retained)
            throws Exception {
        MqttMessage m = new MqttMessage(status.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retained);
        client.publish(device.topic("status"), m);
    }

    @Test
    void aRegisteredDeviceNeverHeardFromIsListedAsNeverSeen() throws Exception {
        JsonObject device = new JsonObject(hub.get("/api/v1/devices/itb-fb-2", admin).body());
        assertThat(device.getString("status")).isEqualTo("never_seen");
    }

    private static void awaitStatus(String code, String status, Duration timeout) {
        HubFixture.await(timeout, code + " " + status, () -> {
            try {
                return status.equals(new JsonObject(hub.get("/api/v1/devices/" + code, admin).body()).getString("status"));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
