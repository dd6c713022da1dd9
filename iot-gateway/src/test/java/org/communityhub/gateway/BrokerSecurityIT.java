package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker the launcher provisions: anonymous logins are refused, a device may publish only
 * under its own code and may subscribe to nothing, and nothing a device tries outside its topics
 * is stored by the hub.
 */
class BrokerSecurityIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static java.util.concurrent.atomic.AtomicInteger receivedByGate;

    @Test
    void anonymousAndWrongPasswordsAreRefused() throws Exception {
        MqttClient anonymous = new MqttClient(hub.mqttUrl(), "it-anon-" + System.nanoTime(), new MemoryPersistence());
        assertThatThrownBy(() -> anonymous.connect(new MqttConnectionOptions())).isInstanceOf(MqttException.class);
        anonymous.close();
        TestDevice gate = hub.device("ita-gate-1");
        TestDevice wrong = new TestDevice(gate.code(), "not-the-password", gate.community(), gate.type());
        assertThatThrownBy(() -> wrong.connect(hub.mqttUrl())).isInstanceOf(MqttException.class);
    }

    @Test
    void aGateCannotPublishAsAnotherDeviceNorSubscribeToAnything() throws Exception {
        TestDevice gateA = hub.device("ita-gate-1");
        MqttClient c = gateA.connect(hub.mqttUrl());
        receivedByGate = new java.util.concurrent.atomic.AtomicInteger();
        try {
            // Mosquitto grants the SUBACK and enforces read rights per message: a device has none.
            c.subscribe(new MqttSubscription[] {new MqttSubscription("#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, msg) -> receivedByGate.incrementAndGet()});
            TestDevice other = hub.device("ita-cam-1");
            MqttClient o = other.connect(hub.mqttUrl());
            try {
                other.publish(o, TestDevice.payload("seen-by-hub-only", "heartbeat", "{}"));
            } finally {
                o.disconnect();
                o.close();
            }

            String spoof = TestDevice.payload("spoof-1", "fire.alarm", "{}");
            org.eclipse.paho.mqttv5.common.MqttMessage m =
                    new org.eclipse.paho.mqttv5.common.MqttMessage(spoof.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            // As another registered device (a fire button), which would raise a critical alert.
            c.publish("hub/v1/ita/fire_button/ita-fb-1/event", m);
            gateA.publish(c, TestDevice.payload("own-1", "heartbeat", "{}"));
            HubFixture.await(Duration.ofSeconds(10), "the gate's and the camera's heartbeats", () -> {
                try {
                    return hub.column("SELECT count(*) FROM event WHERE event_id IN ('own-1', 'seen-by-hub-only')")
                            .get(0).equals(2L);
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            c.disconnect();
            c.close();
        }
        assertThat(hub.column("SELECT count(*) FROM event WHERE event_id = 'spoof-1'")).containsExactly(0L);
        assertThat(hub.column("SELECT count(*) FROM rejected_message WHERE event_id = 'spoof-1'")).containsExactly(0L);
        assertThat(hub.column("SELECT count(*) FROM alert")).containsExactly(0L);
        assertThat(hub.column("SELECT count(*) FROM event WHERE event_id = 'seen-by-hub-only'")).containsExactly(1L);
        assertThat(receivedByGate.get()).as("a device reads nothing, not even with #").isZero();
    }
}
