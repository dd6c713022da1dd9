package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubMetrics;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateway instances on one broker and one database: a stream of events is split between them
 * through the shared subscription and stored completely, exactly once; alerts raised by either
 * reach WebSocket clients of the other.
 */
class ScaleOutIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static HubApplication second;

    @BeforeAll
    static void start() throws Exception {
        second = hub.startAnotherInstance("it-second-" + System.nanoTime());
    }

    @AfterAll
    static void stop() {
        second.close();
    }

    @Test
    void aStreamSplitBetweenTwoInstancesIsStoredOnceAndAlertsReachBoth() throws Exception {
        String admin = hub.login("root", Role.ADMIN, null);
        String secondBase = "http://127.0.0.1:" + second.httpPort();
        int perDevice = 250;
        List<String> devices = List.of("ita-gate-1", "ita-cam-1", "itb-gate-1", "itb-cam-1");
        try (StreamClient onSecond = StreamClient.connect(hub.http(), secondBase, admin, -1)) {
            for (String code : devices) {
                TestDevice d = hub.device(code);
                MqttClient c = d.connect(hub.mqttUrl());
                try {
                    for (int i = 0; i < perDevice; i++) {
                        d.publish(c, TestDevice.payload(code + "-" + i, "heartbeat", "{\"battery\":" + (i % 100) + "}"));
                    }
                } finally {
                    c.disconnect();
                    c.close();
                }
            }
            for (String code : List.of("ita-fb-1", "ita-fb-2", "itb-fb-1", "itb-fb-2")) {
                TestDevice d = hub.device(code);
                MqttClient c = d.connect(hub.mqttUrl());
                try {
                    d.publish(c, TestDevice.payload(code + "-fire", "fire.alarm", "{}"));
                } finally {
                    c.disconnect();
                    c.close();
                }
            }
            int expected = devices.size() * perDevice + 4;
            HubFixture.await(Duration.ofSeconds(30), () -> "all events stored; " + hub.diagnostics(),
                    () -> count("SELECT count(*) FROM event") == expected);
            assertThat(count("SELECT count(DISTINCT (device_code, event_id)) FROM event")).isEqualTo(expected);
            long storedByFirst = new HubMetrics(hub.baseUrl()).value("hub_events_stored_total");
            long storedBySecond = new HubMetrics("http://127.0.0.1:" + second.httpPort()).value("hub_events_stored_total");
            assertThat(storedByFirst + storedBySecond).isEqualTo(expected);
            assertThat(storedByFirst).as("the first instance took part").isPositive();
            assertThat(storedBySecond).as("the second instance took part").isPositive();

            assertThat(count("SELECT count(*) FROM alert")).isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                onSecond.next(Duration.ofSeconds(10), m -> m.getString("kind").equals("alert"));
            }
        }
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
