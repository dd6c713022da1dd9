package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Repeats fold into an open alert only within the correlation window (600 s by default), measured on
 * the events' own times too: an alarm a device kept for 40 days (or a replay of one) opens its own
 * alert instead of joining today's fire, while a fresh press in the same building still folds.
 */
class AlertCorrelationIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void anAlarmFromLongAgoOpensItsOwnAlertAndAFreshOneFolds() throws Exception {
        TestDevice button = hub.device("ita-fb-1");
        MqttClient client = button.connect(hub.mqttUrl());
        try {
            button.publish(client, TestDevice.payload("fire-now", "fire.alarm", "{}"));
            awaitEvents(1);
            String old = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(40).toString();
            button.publish(client, "{\"id\":\"fire-old\",\"type\":\"fire.alarm\",\"time\":\"" + old + "\",\"data\":{}}");
            awaitEvents(2);
            button.publish(client, TestDevice.payload("fire-again", "fire.alarm", "{}"));
            awaitEvents(3);
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(hub.column("SELECT count(*) FROM alert WHERE rule = 'fire'")).as(hub.diagnostics())
                .containsExactly(2L);
        assertThat(hub.column("SELECT array_to_string(event_ids, ',') FROM alert WHERE rule = 'fire' ORDER BY id"))
                .containsExactly("fire-now,fire-again", "fire-old");
    }

    private static void awaitEvents(long n) {
        HubFixture.await(Duration.ofSeconds(20), () -> n + " fire events; " + hub.diagnostics(), () -> {
            try {
                return hub.column("SELECT count(*) FROM alert_source WHERE rule = 'fire'").get(0).equals(n);
            } catch (Exception e) {
                return false;
            }
        });
    }
}
