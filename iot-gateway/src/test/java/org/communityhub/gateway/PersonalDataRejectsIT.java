package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Personal data over the real broker: {@code data} keys outside the type's fields, ID numbers with
 * separators, base64 images without a prefix and a {@code person} on alarm events are refused and
 * nothing of them is stored as an event; the reject store keeps no payload of a personal-data reject
 * and masks ID and phone numbers in every other reject, also in what installers are shown.
 */
class PersonalDataRejectsIT {

    private static final String ID_NUMBER = "110101-19900307-1234";
    private static final String MOBILE = "139 8765 4321";

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void personalAndUnknownDataKeysAreRejectedAndNeverStored() throws Exception {
        send("ita-gate-1", List.of(
                TestDevice.payload("k-name", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\",\"name\":\"张三\"}"),
                TestDevice.payload("k-idcard", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-1\",\"id_card\":\"x\"}"),
                TestDevice.payload("k-embedding", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\",\"embedding\":[0.1,0.2]}"),
                TestDevice.payload("k-sep-id", "access.denied",
                        "{\"direction\":\"in\",\"method\":\"card\",\"reason\":\"" + ID_NUMBER + "\"}"),
                TestDevice.payload("k-unknown", "heartbeat", "{\"battery\":50,\"firmware\":\"1.2\"}"),
                TestDevice.payload("k-ok", "heartbeat", "{\"battery\":50,\"rssi\":-70}")));
        send("ita-cam-1", List.of(
                TestDevice.payload("k-b64", "camera.intrusion", "{\"zone\":\"/9j/4AAQSkZJRgABAQ\",\"confidence\":0.9}"),
                TestDevice.payload("k-cam-person", "camera.climb", "{\"confidence\":0.9,\"person\":\"p-1\"}")));
        send("ita-fb-1", List.of(TestDevice.payload("k-fire-person", "fire.alarm", "{\"floor\":2,\"person\":\"p-1\"}")));
        awaitRejects("device_code IN ('ita-gate-1', 'ita-cam-1', 'ita-fb-1')", 8);

        assertThat(hub.column("SELECT event_id || ' ' || reason FROM rejected_message ORDER BY event_id"))
                .containsExactly("k-b64 personal_data", "k-cam-person personal_data", "k-embedding personal_data",
                        "k-fire-person personal_data", "k-idcard personal_data", "k-name personal_data",
                        "k-sep-id personal_data", "k-unknown unknown_field");
        assertThat(hub.column("SELECT detail FROM rejected_message WHERE event_id = 'k-unknown'").get(0).toString())
                .contains("'data.firmware'");
        assertThat(hub.column("SELECT event_id FROM event")).containsExactly("k-ok");
        assertThat(hub.column("SELECT count(*) FROM event WHERE event_class = 'alarm' AND (person_ref IS NOT NULL "
                + "OR data ? 'person')")).containsExactly(0L);
    }

    @Test
    void theRejectStoreKeepsNoPersonalPayloadAndMasksNumbers() throws Exception {
        send("ita-fb-2", List.of(
                TestDevice.payload("m-personal", "fire.alarm",
                        "{\"floor\":2,\"person\":\"p-1\",\"photo\":\"data:image/jpeg;base64,/9j/4AAQ\",\"owner\":\"张三\"}"),
                TestDevice.payload("m-wrong", "access.granted",
                        "{\"direction\":\"in\",\"method\":\"card\",\"person\":\"p-1\",\"note\":\"" + ID_NUMBER + "\"}"),
                TestDevice.payload("m-unknown", "fire.teleported", "{\"note\":\"call " + MOBILE + "\"}"),
                "{\"id\":\"m-broken\",\"note\":\"11010119900307123X, 13987654321\", "));
        awaitRejects("device_code = 'ita-fb-2'", 4);

        String installer = hub.login("installer-m", Role.INSTALLER, "ita");
        JsonArray shown = new JsonObject(hub.get("/api/v1/rejects?device=ita-fb-2&limit=100", installer).body())
                .getJsonArray("rejects");
        assertThat(shown).hasSize(4);
        String stored = String.join("\n", hub.column("SELECT concat_ws(' | ', topic, detail, payload, event_id) "
                + "FROM rejected_message WHERE device_code = 'ita-fb-2'").stream().map(Object::toString).toList());
        for (String text : List.of(shown.encode(), stored)) {
            assertThat(text).doesNotContain("张三", "/9j/", "1990", "8765", "13987654321", "4321");
        }
        JsonObject personal = shown.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("reason").equals("personal_data")).findFirst().orElseThrow();
        assertThat(personal.getString("payload")).startsWith("(payload withheld: personal data) fields: ")
                .contains("data.floor", "data.photo", "data.owner").doesNotContain("p-1");
        assertThat(stored).contains("[masked-id]", "[masked-phone]", "fire.teleported", "access.granted");
    }

    private static void send(String device, List<String> payloads) throws Exception {
        hub.device(device).publishAll(hub.mqttUrl(), payloads);
    }

    private static void awaitRejects(String where, long expected) {
        HubFixture.await(Duration.ofSeconds(15), () -> "rejects where " + where + "; " + hub.diagnostics(), () -> {
            try {
                return hub.column("SELECT count(*) FROM rejected_message WHERE " + where).get(0).equals(expected);
            } catch (Exception e) {
                return false;
            }
        });
    }
}
