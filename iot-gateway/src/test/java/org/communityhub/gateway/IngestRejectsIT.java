package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every reject class of CONTRACT §4, sent over the real broker between valid events: each bad
 * message is recorded with its reason code, none stops the stream, and every valid one is stored.
 */
class IngestRejectsIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void badMessagesAreRejectedWithReasonsAndValidNeighboursAreStored() throws Exception {
        TestDevice gate = hub.device("ita-gate-1");
        String future = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(10).toString();
        List<String[]> bad = List.of(
                new String[] {"malformed_json", "{\"id\": \"x\", "},
                new String[] {"malformed_json", "[1,2,3]"},
                new String[] {"missing_field", "{\"id\":\"m1\",\"time\":\"" + OffsetDateTime.now() + "\",\"data\":{}}"},
                new String[] {"invalid_field", "{\"id\":7,\"type\":\"heartbeat\",\"time\":\"" + OffsetDateTime.now()
                        + "\"}"},
                new String[] {"wrong_event_type", TestDevice.payload("w1", "fire.alarm", "{}")},
                new String[] {"unknown_event_type", TestDevice.payload("u1", "access.teleported", "{}")},
                new String[] {"future_time", "{\"id\":\"f1\",\"type\":\"heartbeat\",\"time\":\"" + future + "\"}"},
                new String[] {"invalid_field", TestDevice.payload("d1", "access.granted",
                        "{\"direction\":\"sideways\",\"method\":\"face\",\"person\":\"p-1\"}")},
                new String[] {"personal_data", TestDevice.payload("i1", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\",\"image\":\"/9j/4AAQ\"}")},
                new String[] {"personal_data", TestDevice.payload("i2", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"张三\"}")},
                new String[] {"payload_too_large", TestDevice.payload("big", "heartbeat",
                        "{\"note\":\"" + "x".repeat(17 * 1024) + "\"}")},
                new String[] {"invalid_field", TestDevice.payload("script", "access.denied",
                        "{\"direction\":\"in\",\"method\":\"card\",\"reason\":\"" + "<script>".repeat(40) + "\"}")});
        MqttClient client = gate.connect(hub.mqttUrl());
        List<String> validIds = new ArrayList<>();
        try {
            for (int i = 0; i < bad.size(); i++) {
                String id = "ok-" + i;
                gate.publish(client, TestDevice.payload(id, "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-7f3a9c\"}"));
                validIds.add(id);
                gate.publish(client, bad.get(i)[1]);
            }
            MqttMessage invalidUtf8 = new MqttMessage(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            invalidUtf8.setQos(1);
            client.publish(gate.topic("event"), invalidUtf8);
            // The device's own code, but published as if it were a camera: the broker's per-device ACL
            // refuses it (the hub's topic_mismatch rule stays behind it, see EventValidatorTest).
            TestDevice.publishTo(client, "hub/v1/ita/camera/ita-gate-1/event", TestDevice.payload("tm", "heartbeat", "{}"));
            gate.publish(client, TestDevice.payload("ok-last", "heartbeat", "{\"battery\":80}"));
            validIds.add("ok-last");
        } finally {
            client.disconnect();
            client.close();
        }
        int expectedRejects = bad.size() + 1;
        HubFixture.await(Duration.ofSeconds(15), () -> "all messages processed; " + hub.diagnostics(),
                () -> count("SELECT count(*) FROM rejected_message WHERE device_code = 'ita-gate-1'") == expectedRejects
                        && count("SELECT count(*) FROM event") == validIds.size());
        assertThat(hub.column("SELECT event_id FROM event ORDER BY event_id"))
                .containsExactlyInAnyOrderElementsOf(validIds);

        String installer = hub.login("installer-a", Role.INSTALLER, "ita");
        HttpResponse<String> r = hub.get("/api/v1/rejects?device=ita-gate-1&limit=100", installer);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray rejects = new JsonObject(r.body()).getJsonArray("rejects");
        List<String> reasons = rejects.stream().map(o -> ((JsonObject) o).getString("reason")).toList();
        List<String> expected = new ArrayList<>(bad.stream().map(b -> b[0]).toList());
        expected.add("invalid_utf8");
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(expected);
        JsonObject tooLarge = rejects.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("reason").equals("payload_too_large")).findFirst().orElseThrow();
        assertThat(tooLarge.getString("payload").length()).as("kept payload is truncated").isLessThan(2100);
        assertThat(tooLarge.getString("detail")).contains("16384");

        String security = hub.login("guard-a", Role.SECURITY, "ita");
        assertThat(hub.get("/api/v1/rejects", security).statusCode()).as("security staff may not list rejects")
                .isEqualTo(403);
    }

    @Test
    void unregisteredSendersAreRejectedAndListedForInstallers() throws Exception {
        BrokerLogins.add("ghost-7", "ghost-password-7", "ita", "gate");
        TestDevice ghost = new TestDevice("ghost-7", "ghost-password-7", "ita", "gate");
        MqttClient client = ghost.connect(hub.mqttUrl());
        try {
            ghost.publish(client, TestDevice.payload("g1", "heartbeat", "{}"));
        } finally {
            client.disconnect();
            client.close();
        }
        String installer = hub.login("installer-b", Role.INSTALLER, "ita");
        HubFixture.await(Duration.ofSeconds(10), "the ghost listed as unregistered", () -> {
            try {
                return hub.get("/api/v1/devices/unregistered", installer).body().contains("ghost-7");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(hub.column("SELECT reason FROM rejected_message WHERE device_code = 'ghost-7'"))
                .containsExactly("unknown_device");
    }

    private static long count(String sql) {
        try {
            return (Long) hub.column(sql).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
