package org.communityhub.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.ingest.InboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntakeLaneTest {

    /** The bulk lane may skip exactly what the alarm lane's filter {@code hub/v1/+/fire_button/+/event} matches. */
    @ParameterizedTest(name = "{0} → handled by the alarm lane: {1}")
    @CsvSource({
        "hub/v1/c1/fire_button/fb-1/event, true",
        "hub/v1//fire_button//event, true",
        "hub/v1/c1/fire_button/fb-1/status, false",
        "hub/v1/c1/gate/g-1/event, false",
        "hub/v1/c1/camera/fire_button/event, false",
        "hub/v1/c1/fire_button/fb-1/event/x, false",
        "hub/v2/c1/fire_button/fb-1/event, false",
        "x/v1/c1/fire_button/fb-1/event, false",
        "hub/v1/c1/Fire_button/fb-1/event, false",
    })
    void bulkLaneLeavesFireButtonEventsToTheAlarmLane(String topic, boolean elsewhere) {
        InboundMessage message = new InboundMessage(topic, new byte[0], Instant.EPOCH, () -> { });
        assertThat(IntakeLane.BULK.handledElsewhere(message)).isEqualTo(elsewhere);
        assertThat(IntakeLane.ALARM.handledElsewhere(message)).as("the alarm lane works all it receives").isFalse();
    }

    /** With one writer, 50 alarms/s kept it busy most of the time and alarms queued behind each other. */
    @Test
    void alarmsOfDifferentButtonsHaveWritersOfTheirOwn() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub");
        env.put("HUB_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("HUB_DB_PASSWORD", "db-secret-for-the-test");
        env.put("HUB_MQTT_PASSWORD", "mqtt-secret-for-the-test");
        env.put("HUB_INGEST_WORKERS", "3");
        HubConfig config = HubConfigLoader.load(env, false);
        assertThat(IntakeLane.BULK.workers(config)).isEqualTo(3);
        assertThat(IntakeLane.ALARM.workers(config)).isGreaterThan(1);
    }
}
