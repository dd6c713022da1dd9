package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Device logins as the launcher provisions them into the private broker (issue 14, items 2, 10 and
 * 14): a device code can never take over a service login, a device may publish only under its own
 * community and type, and a retired device's events are rejected and its login removed.
 */
class DeviceLoginsIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    /** A client of the hub's own service login, seeing every device topic (not a shared subscription). */
    private static MqttClient serviceClient(Set<String> seen) throws MqttException {
        MqttClient c = new MqttClient(hub.mqttUrl(), "it-service-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(HubTestServices.mqttUser());
        o.setPassword(HubTestServices.mqttPassword().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        c.connect(o);
        c.subscribe(new MqttSubscription[] {new MqttSubscription("hub/v1/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> seen.add(t + " " + new String(
                        m.getPayload(), StandardCharsets.UTF_8))});
        return c;
    }

    private static void close(MqttClient c) throws MqttException {
        if (c.isConnected()) {
            c.disconnect();
        }
        c.close();
    }

    @Test
    void aDeviceCodedHubNeverTakesOverTheServiceLogin() throws Exception {
        String file = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[114.0512,22.5412]},\"properties\":{\"layer\":\"device\",\"code\":\"hub\","
                + "\"name\":\"闸机 hub\",\"type\":\"gate\",\"compound\":\"ita-q1\"}}]}";
        assertThat(GeoImports.service(hub.dataSource())
                .importGeoJson(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), null).ok()).isTrue();
        var ds = hub.dataSource();
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        // What ./hub device credentials --all installs: every device, 'hub' among them.
        BrokerLogins.addAll(creds.all());

        Set<String> seen = ConcurrentHashMap.newKeySet();
        MqttClient service = serviceClient(seen); // before the fix: Not authorized (its password was replaced)
        var hubDevice = creds.get("hub", false).orElseThrow();
        TestDevice device = new TestDevice("hub", hubDevice.password(), "ita", "gate");
        MqttClient asDevice = device.connect(hub.mqttUrl());
        Set<String> seenByDevice = ConcurrentHashMap.newKeySet();
        try {
            asDevice.subscribe(new MqttSubscription[] {new MqttSubscription("hub/v1/#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> seenByDevice.add(t)});
            TestDevice gate = hub.device("ita-gate-1");
            MqttClient g = gate.connect(hub.mqttUrl());
            try {
                gate.publish(g, TestDevice.payload("ns-1", "heartbeat", "{}"));
            } finally {
                close(g);
            }
            device.publish(asDevice, TestDevice.payload("ns-2", "heartbeat", "{}"));
            HubFixture.await(Duration.ofSeconds(10), () -> "both heartbeats stored; " + hub.diagnostics(), () -> count(
                    "SELECT count(*) FROM event WHERE event_id IN ('ns-1', 'ns-2')") == 2);
            HubFixture.await(Duration.ofSeconds(10), "the service login to see both", () -> seen.stream()
                    .filter(s -> s.contains("\"ns-")).count() == 2);
        } finally {
            close(asDevice);
            close(service);
        }
        assertThat(seenByDevice).as("a device named hub reads nothing").isEmpty();

        // A credentials line can never name a service login: the launcher refuses it.
        assertThatThrownBy(() -> BrokerLogins.add(HubTestServices.mqttUser(), "x", "ita", "gate"))
                .hasMessageContaining("refusing broker login");
        MqttClient again = serviceClient(ConcurrentHashMap.newKeySet());
        close(again);
    }

    @Test
    void aGateCannotPublishIntoTheAlarmLaneUnderItsOwnCode() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MqttClient service = serviceClient(seen);
        TestDevice gate = hub.device("ita-gate-1");
        MqttClient g = gate.connect(hub.mqttUrl());
        try {
            String spoof = TestDevice.payload("lane-spoof", "fire.alarm", "{}");
            try {
                TestDevice.publishTo(g, "hub/v1/ita/fire_button/ita-gate-1/event", spoof);
            } catch (MqttException refused) {
                // MQTT 5: the broker may answer the PUBLISH with "not authorized"; either way it is dropped.
                if (!g.isConnected()) {
                    g = gate.connect(hub.mqttUrl());
                }
            }
            TestDevice.publishTo(g, "hub/v1/itb/gate/ita-gate-1/event", TestDevice.payload("other-community", "heartbeat",
                    "{}"));
            gate.publish(g, TestDevice.payload("lane-own", "heartbeat", "{}"));
            HubFixture.await(Duration.ofSeconds(10), () -> "the gate's own heartbeat at the subscriber: " + seen,
                    () -> seen.stream().anyMatch(s -> s.contains("lane-own")));
        } finally {
            close(g);
            close(service);
        }
        assertThat(seen).as("refused by the broker: never delivered").noneMatch(s -> s.contains("lane-spoof"))
                .noneMatch(s -> s.contains("other-community"));
        assertThat(hub.column("SELECT count(*) FROM rejected_message WHERE event_id IN ('lane-spoof', 'other-community')"))
                .containsExactly(0L);
        assertThat(hub.column("SELECT count(*) FROM alert")).containsExactly(0L);
    }

    @Test
    void aRetiredDevicesEventsAreRejectedAndItsLoginRemoved() throws Exception {
        TestDevice camera = hub.device("ita-cam-1");
        String installer = hub.login("installer-retire", Role.INSTALLER, "ita");
        MqttClient c = camera.connect(hub.mqttUrl());
        try {
            camera.publish(c, TestDevice.payload("before-retire", "heartbeat", "{}"));
            HubFixture.await(Duration.ofSeconds(10), "the heartbeat before retiring", () -> count(
                    "SELECT count(*) FROM event WHERE event_id = 'before-retire'") == 1);
            var r = hub.http().send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/devices/ita-cam-1"))
                    .header("Authorization", "Bearer " + installer).header("content-type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("install_state", "retired").encode())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            // Its login still works at the broker until ./hub removes it; the hub no longer accepts its events.
            camera.publish(c, TestDevice.payload("after-retire", "camera.tamper", "{}"));
            HubFixture.await(Duration.ofSeconds(10), () -> "the event after retiring rejected; " + hub.diagnostics(),
                    () -> count("SELECT count(*) FROM rejected_message WHERE device_code = 'ita-cam-1' "
                            + "AND reason = 'device_retired' AND payload LIKE '%after-retire%'") == 1);
        } finally {
            close(c);
        }
        assertThat(count("SELECT count(*) FROM event WHERE event_id = 'after-retire'")).isZero();
        assertThat(hub.column("SELECT count(*) FROM alert")).containsExactly(0L);

        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(hub.dataSource(), new InstallationSecrets(hub.dataSource())
                .getOrCreate(InstallationSecrets.DEVICE_KEY));
        assertThat(creds.retired("ita-cam-1")).isTrue();
        assertThat(creds.all()).as("--all leaves retired devices out").noneMatch(cr -> cr.code().equals("ita-cam-1"));
        assertThat(creds.get("ita-cam-1", false)).isEmpty();
        // What ./hub device credentials ita-cam-1 does for a retired device.
        assertThat(BrokerLogins.launcher("broker_remove_device_logins $2", "ita-cam-1")).isNull();
        assertThatThrownBy(() -> close(camera.connect(hub.mqttUrl()))).isInstanceOf(MqttException.class);
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
