package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10 % of the events, fire alarms among them, are sent again with the same ids (a device that
 * re-sends after a lost PUBACK): no duplicate rows, no duplicate alerts, alert counts unchanged.
 */
class ReplayIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void replayedEventsAreStoredOnceAndRaiseNoSecondAlert() throws Exception {
        TestDevice gate = hub.device("ita-gate-1");
        TestDevice camera = hub.device("ita-cam-1");
        List<String[]> sent = new ArrayList<>();
        MqttClient g = gate.connect(hub.mqttUrl());
        MqttClient c = camera.connect(hub.mqttUrl());
        try {
            for (int i = 0; i < 900; i++) {
                String p = TestDevice.payload("g-" + i, "access.granted",
                        "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-" + (i % 50) + "\"}");
                gate.publish(g, p);
                sent.add(new String[] {"gate", p});
            }
            for (int i = 0; i < 100; i++) {
                String p = TestDevice.payload("climb-" + i, "camera.climb", "{\"confidence\":0.8}");
                camera.publish(c, p);
                sent.add(new String[] {"camera", p});
            }
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 100; i++) {
                String[] again = sent.get(random.nextInt(sent.size()));
                if (again[0].equals("gate")) {
                    gate.publish(g, again[1]);
                } else {
                    camera.publish(c, again[1]);
                }
            }
            gate.publish(g, TestDevice.payload("last", "heartbeat", "{}"));
        } finally {
            g.disconnect();
            g.close();
            c.disconnect();
            c.close();
        }
        HubFixture.await(Duration.ofSeconds(20), () -> "the last event; " + hub.diagnostics(), () -> {
            try {
                return hub.column("SELECT count(*) FROM event WHERE event_id = 'last'").get(0).equals(1L);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(hub.column("SELECT count(*) FROM event")).containsExactly(1001L);
        assertThat(hub.column("SELECT count(*) FROM alert")).as("the climbs fold into one alert").containsExactly(1L);
        assertThat(hub.column("SELECT count FROM alert")).as("each climb counted once").containsExactly(100);
        assertThat(hub.column("SELECT count(*) FROM alert_source")).containsExactly(100L);
        assertThat(hub.get("/metrics", null).body()).containsPattern("hub_events_duplicate_total (\\d{2,})");
    }
}
