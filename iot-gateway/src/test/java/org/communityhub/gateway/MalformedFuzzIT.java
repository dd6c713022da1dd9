package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.communityhub.gateway.event.EventValidator;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1,200 generated bad payloads (broken JSON, wrong types, 1 MB blobs, invalid UTF-8, far-future
 * times, script and SQL-looking strings, images, NULs) interleaved with 400 valid events over the
 * real broker: the hub stays up, every bad one is rejected with a reason, every valid one is stored.
 */
class MalformedFuzzIT {

    private static final int BAD = 1200;
    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void badPayloadsAreRejectedAndValidNeighboursStored() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122);
        TestDevice gate = hub.device("ita-gate-1");
        int valid = 0;
        MqttClient c = gate.connect(hub.mqttUrl());
        try {
            for (int i = 0; i < BAD; i++) {
                if (i % 3 == 0) {
                    gate.publish(c, TestDevice.payload("ok-" + valid++, "access.granted",
                            "{\"direction\":\"out\",\"method\":\"qr\",\"person\":\"p-" + i + "\"}"));
                }
                MqttMessage m = new MqttMessage(bad(random, i));
                m.setQos(1);
                c.publish(gate.topic("event"), m);
            }
        } finally {
            c.disconnect();
            c.close();
        }
        int expectedValid = valid;
        HubFixture.await(Duration.ofSeconds(60), () -> "every message processed; " + count("SELECT count(*) FROM event")
                + " events, " + count("SELECT count(*) FROM rejected_message") + " rejects",
                () -> count("SELECT count(*) FROM rejected_message") == BAD
                        && count("SELECT count(*) FROM event") == expectedValid);
        assertThat(count("SELECT count(*) FROM event WHERE event_id NOT LIKE 'ok-%'")).isZero();
        List<Object> reasons = hub.column("SELECT DISTINCT reason FROM rejected_message ORDER BY 1");
        assertThat(reasons).contains("malformed_json", "invalid_field", "missing_field", "payload_too_large",
                "invalid_utf8", "future_time", "personal_data", "unknown_event_type");
        assertThat(hub.get("/health", null).statusCode()).isEqualTo(200);
    }

    private static byte[] bad(SplittableRandom r, int i) {
        String now = OffsetDateTime.now(ZoneOffset.ofHours(8)).toString();
        String id = "bad-" + i;
        List<String> shapes = new ArrayList<>(List.of(
                "{\"id\":\"" + id + "\",\"type\":\"heartbeat\"",
                "{\"id\":" + r.nextInt() + ",\"type\":\"heartbeat\",\"time\":\"" + now + "\"}",
                "{\"id\":\"" + id + "\",\"time\":\"" + now + "\"}",
                "{\"id\":\"" + id + "\",\"type\":\"heartbeat\",\"time\":\"" + now.replace("+08:00", "") + "\"}",
                "{\"id\":\"" + id + "\",\"type\":\"heartbeat\",\"time\":\"2099-01-01T00:00:00+08:00\"}",
                "{\"id\":\"" + id + "\",\"type\":\"'; DROP TABLE event; --\",\"time\":\"" + now + "\"}",
                "{\"id\":\"" + id + "\",\"type\":\"access.denied\",\"time\":\"" + now + "\",\"data\":{\"direction\":\"in\","
                        + "\"method\":\"<script>alert(1)</script>\",\"reason\":\"x\"}}",
                "{\"id\":\"" + id + "\",\"type\":\"access.granted\",\"time\":\"" + now + "\",\"data\":{\"direction\":\"in\","
                        + "\"method\":\"face\",\"person\":\"p-1\",\"frames\":[{\"photo\":\"/9j/4AAQ\"}]}}",
                "{\"id\":\"" + id + "\",\"type\":\"heartbeat\",\"time\":\"" + now + "\",\"data\":{\"battery\":\"full\"}}",
                "{\"id\":\"" + id + "\",\"type\":\"heartbeat\",\"time\":\"" + now + "\",\"data\":{\"rssi\":\"a\\u0000b\"}}",
                "[\"" + id + "\"]",
                "null"));
        int pick = r.nextInt(shapes.size() + 3);
        if (pick == shapes.size()) {
            // over the hub's 16 KiB payload limit, under the broker's packet limit (which drops the client)
            byte[] huge = new byte[EventValidator.MAX_PAYLOAD_BYTES + 1024];
            java.util.Arrays.fill(huge, (byte) 'x');
            return huge;
        }
        if (pick == shapes.size() + 1) {
            return new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'};
        }
        if (pick == shapes.size() + 2) {
            byte[] noise = new byte[r.nextInt(1, 200)];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (byte) r.nextInt(32, 127);
            }
            noise[0] = '{';
            return noise;
        }
        return shapes.get(pick).getBytes(StandardCharsets.UTF_8);
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
