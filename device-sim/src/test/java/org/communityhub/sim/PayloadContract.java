package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;

/** Checks one payload against CONTRACT §4, field by field; shared by the unit and integration tests. */
final class PayloadContract {

    /** Per event type: data field → "string", "int", "number" or an allowed-values list "a|b". */
    static final Map<String, Map<String, String>> DATA = Map.ofEntries(
            Map.entry("access.granted", Map.of("direction", "in|out", "method", "face|card|qr|pin", "person", "person")),
            Map.entry("access.denied", Map.of("direction", "in|out", "method", "face|card|qr|pin", "reason", "string")),
            Map.entry("access.stranger", Map.of("direction", "in|out", "confidence", "unit")),
            Map.entry("access.tailgating", Map.of("direction", "in|out", "count", "int")),
            Map.entry("door.forced", Map.of()),
            Map.entry("door.held_open", Map.of("seconds", "int")),
            Map.entry("fire.alarm", Map.of("floor", "int", "zone", "string")),
            Map.entry("fire.reset", Map.of()),
            Map.entry("fire.fault", Map.of("code", "string")),
            Map.entry("camera.intrusion", Map.of("zone", "string", "confidence", "unit")),
            Map.entry("camera.climb", Map.of("confidence", "unit")),
            Map.entry("camera.tamper", Map.of()),
            Map.entry("camera.video_loss", Map.of()),
            Map.entry("heartbeat", Map.of("battery", "percent", "rssi", "int")));

    private PayloadContract() {
    }

    /** Parses a payload and asserts it is a valid event of a type the device type may send; returns it. */
    static JsonNode assertValid(byte[] payload, DeviceType deviceType) throws IOException {
        assertThat(payload.length).isLessThanOrEqualTo(16 * 1024);
        JsonNode node = EventJson.MAPPER.readTree(payload);
        assertThat(node.isObject()).isTrue();
        assertThat(node.size()).as("only id, type, time, data").isEqualTo(4);
        assertThat(node.path("id").isTextual()).isTrue();
        assertThat(node.get("id").asText()).hasSizeBetween(1, 64);
        String type = node.path("type").asText();
        assertThat(deviceType.eventTypes()).extracting(EventType::code).contains(type);
        OffsetDateTime time = OffsetDateTime.parse(node.path("time").asText());
        assertThat(time.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(time).isBefore(OffsetDateTime.now().plusMinutes(5));
        JsonNode data = node.path("data");
        assertThat(data.isObject()).isTrue();
        Map<String, String> fields = DATA.get(type);
        data.fieldNames().forEachRemaining(f -> assertThat(fields).as("data field of " + type).containsKey(f));
        fields.forEach((field, kind) -> assertField(type, field, kind, data.get(field)));
        return node;
    }

    private static void assertField(String type, String field, String kind, JsonNode v) {
        boolean optional = type.equals("heartbeat") || type.equals("fire.alarm");
        if (v == null && optional) {
            return;
        }
        assertThat(v).as(type + "." + field).isNotNull();
        switch (kind) {
            case "string" -> assertThat(v.isTextual() && !v.asText().isEmpty()).as(type + "." + field).isTrue();
            case "int" -> assertThat(v.isInt()).as(type + "." + field).isTrue();
            case "unit" -> assertThat(v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1).as(type + "." + field).isTrue();
            case "percent" -> assertThat(v.isInt() && v.asInt() >= 0 && v.asInt() <= 100).as(type + "." + field).isTrue();
            case "person" -> assertThat(v.asText()).as(type + "." + field).matches("p-[0-9a-f]{6}|p-installer-test");
            default -> assertThat(kind.split("\\|")).as(type + "." + field).contains(v.asText());
        }
    }
}
