package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.event.EventFixtures.CAMERA;
import static org.communityhub.gateway.event.EventFixtures.FIRE_BUTTON;
import static org.communityhub.gateway.event.EventFixtures.GATE;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.event;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.rejection;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import java.time.Instant;
import java.util.Arrays;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.device.RegisteredDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope rules of CONTRACT §4: topic, size, encoding, device, JSON shape, id/type/time, NUL. */
class EventValidatorTest {

    private static final String GRANTED_DATA = "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-7f3a9c\"}";

    private final EventValidator validator = EventFixtures.validator();

    private ValidationResult validate(String topic, String payload) {
        return validator.validate(topic, utf8(payload), NOW);
    }

    private Rejection rejectedGate(String payload) {
        return rejection(validate(topic(GATE), payload));
    }

    @Test
    void acceptsTheContractExampleAndKeepsItsFields() {
        Instant received = NOW.plusMillis(5);
        DeviceEvent e = event(validator.validate(topic(GATE),
                utf8(payload("g-0001-000123", "access.granted", "2026-11-21T08:00:00.123+08:00", GRANTED_DATA)), received));
        assertThat(e.device()).isEqualTo(GATE);
        assertThat(e.id()).isEqualTo("g-0001-000123");
        assertThat(e.type()).isEqualTo(EventType.ACCESS_GRANTED);
        assertThat(e.instant()).isEqualTo(Instant.parse("2026-11-21T00:00:00.123Z"));
        assertThat(e.data()).containsEntry("direction", "in").containsEntry("method", "face");
        assertThat(e.personRef()).isEqualTo("p-7f3a9c");
        assertThat(e.receivedAt()).isEqualTo(received);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub/v1/c-1/gate/g-1", "hub/v2/c-1/gate/g-1/event", "hub/v1/c-1/lift/g-1/event",
        "hub/v1/C-1/gate/g-1/event", "hub/v1/c-1/gate/g-1/events", "hub/v1/c-1/gate/g-1/event/extra", ""})
    void rejectsATopicThatIsNotAnEventTopic(String topic) {
        Rejection r = rejection(validate(topic, payload("heartbeat", null)));
        assertThat(r.reason()).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(r.detail()).contains("topic");
        assertThat(r.topic()).isEqualTo(topic);
    }

    @Test
    void rejectsAPayloadOnTheStatusChannelAsABadEventTopic() {
        Rejection r = rejection(validate("hub/v1/c-1/gate/g-1/status", payload("heartbeat", null)));
        assertThat(r.reason()).isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(r.deviceCode()).isEqualTo("g-1");
    }

    @Test
    void rejectsAPayloadOverSixteenKibibytesButAcceptsExactlySixteen() {
        String head = "{\"id\":\"e-1\",\"type\":\"heartbeat\",\"time\":\"" + EventFixtures.NOW_TEXT + "\",\"pad\":\"";
        int padding = EventValidator.MAX_PAYLOAD_BYTES - head.length() - 2;
        char[] pad = new char[padding];
        Arrays.fill(pad, 'x');
        String exact = head + new String(pad) + "\"}";
        assertThat(utf8(exact)).hasSize(16 * 1024);
        event(validate(topic(GATE), exact));

        Rejection r = rejectedGate(head + new String(pad) + "x\"}");
        assertThat(r.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(r.detail()).contains("16385 bytes").contains("16384");
        assertThat(r.payload()).hasSizeLessThanOrEqualTo(Rejection.MAX_PAYLOAD_CHARS + 1);
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] bytes = utf8(payload("heartbeat", "{\"note\":\"??\"}"));
        int q = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("??");
        bytes[q] = (byte) 0xC3;
        bytes[q + 1] = (byte) 0x28;
        Rejection r = rejection(validator.validate(topic(GATE), bytes, NOW));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_UTF8);
        assertThat(r.detail()).contains("UTF-8");
    }

    @Test
    void rejectsAnUnknownDeviceAndNamesIt() {
        Rejection r = rejection(validate("hub/v1/c-1/gate/g-404/event", payload("heartbeat", null)));
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
        assertThat(r.detail()).contains("'g-404'");
        assertThat(r.deviceCode()).isEqualTo("g-404");
        assertThat(r.community()).isEqualTo("c-1");
    }

    @Test
    void rejectsEveryEventOfARetiredDeviceAndFilesItUnderItsCommunity() {
        RegisteredDevice retired = new RegisteredDevice("g-9", "旧闸机", DeviceType.GATE, "c-1", "cp-1", null, null,
                116.40, 39.90, true);
        EventValidator v = new EventValidator(new EventFixtures.MapDirectory(retired),
                new org.communityhub.gateway.mqtt.JsonPayloadDecoder());
        Rejection r = rejection(v.validate(topic(retired), utf8(payload("heartbeat", null)), NOW));
        assertThat(r.reason()).isEqualTo(RejectReason.DEVICE_RETIRED);
        assertThat(r.reason().code()).isEqualTo("device_retired");
        assertThat(r.detail()).contains("'g-9'", "retired");
        assertThat(r.deviceCode()).isEqualTo("g-9");
        assertThat(r.community()).isEqualTo("c-1");
    }

    @Test
    void rejectsATopicWhoseCommunityDoesNotMatchTheRegisteredDevice() {
        Rejection r = rejection(validate("hub/v1/c-2/gate/g-1/event", payload("heartbeat", null)));
        assertThat(r.reason()).isEqualTo(RejectReason.TOPIC_MISMATCH);
        assertThat(r.detail()).contains("'c-1'").contains("'c-2'");
    }

    @Test
    void rejectsATopicWhoseTypeDoesNotMatchTheRegisteredDevice() {
        Rejection r = rejection(validate("hub/v1/c-1/camera/g-1/event", payload("heartbeat", null)));
        assertThat(r.reason()).isEqualTo(RejectReason.TOPIC_MISMATCH);
        assertThat(r.detail()).contains("gate").contains("camera");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"e-1\",", "not json", "", "{\"id\":\"e-1\"}}", "{'id':'e-1'}"})
    void rejectsMalformedJson(String payload) {
        Rejection r = rejectedGate(payload);
        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(r.detail()).contains("JSON");
    }

    @Test
    void rejectsAJsonArrayInsteadOfAnObject() {
        Rejection r = rejectedGate("[" + payload("heartbeat", null) + "]");
        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(r.detail()).contains("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "time"})
    void rejectsAMissingEnvelopeFieldAndNamesIt(String field) {
        String full = payload("heartbeat", null);
        String without = full.replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}");
        Rejection r = rejectedGate(without);
        assertThat(r.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.detail()).contains("'" + field + "'");
    }

    @Test
    void rejectsAnIdLongerThanSixtyFourCharactersButAcceptsSixtyFour() {
        String id64 = "e".repeat(64);
        assertThat(event(validate(topic(GATE), payload(id64, "heartbeat", EventFixtures.NOW_TEXT, null))).id())
                .isEqualTo(id64);
        Rejection r = rejectedGate(payload(id64 + "5", "heartbeat", EventFixtures.NOW_TEXT, null));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'id'").contains("64");
    }

    @Test
    void rejectsAnEmptyOrNumericId() {
        assertThat(rejectedGate(payload("", "heartbeat", EventFixtures.NOW_TEXT, null)).detail()).contains("'id'");
        Rejection numeric = rejectedGate("{\"id\":17,\"type\":\"heartbeat\",\"time\":\"" + EventFixtures.NOW_TEXT + "\"}");
        assertThat(numeric.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(numeric.detail()).contains("'id'");
    }

    @Test
    void rejectsAnUnknownEventType() {
        Rejection r = rejectedGate(payload("access.teleported", null));
        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(r.detail()).contains("'access.teleported'");
    }

    @Test
    void rejectsAnEventTypeOfAnotherDeviceType() {
        Rejection fromGate = rejectedGate(payload("fire.alarm", "{}"));
        assertThat(fromGate.reason()).isEqualTo(RejectReason.WRONG_EVENT_TYPE);
        assertThat(fromGate.detail()).contains("'fire.alarm'").contains("gate");

        Rejection fromButton = rejection(validate(topic(FIRE_BUTTON), payload("camera.climb", "{\"confidence\":0.9}")));
        assertThat(fromButton.reason()).isEqualTo(RejectReason.WRONG_EVENT_TYPE);
        Rejection fromCamera = rejection(validate(topic(CAMERA), payload("access.granted", GRANTED_DATA)));
        assertThat(fromCamera.reason()).isEqualTo(RejectReason.WRONG_EVENT_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T08:00:00", "2026-11-21 08:00:00+08:00", "yesterday", "2026-11-21"})
    void rejectsATimeWithoutOffsetOrNotIso(String time) {
        Rejection r = rejectedGate(payload("e-1", "heartbeat", time, null));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'time'").contains("offset");
    }

    @Test
    void rejectsANumericTime() {
        Rejection r = rejectedGate("{\"id\":\"e-1\",\"type\":\"heartbeat\",\"time\":1795000000}");
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'time'");
    }

    @Test
    void rejectsATimeMoreThanFiveMinutesAheadOfTheHubClock() {
        Rejection r = rejectedGate(payload("e-1", "heartbeat", "2026-11-21T08:05:00.001+08:00", null));
        assertThat(r.reason()).isEqualTo(RejectReason.FUTURE_TIME);
        assertThat(r.detail()).contains("2026-11-21T08:05:00.001+08:00").contains("5 minutes");
    }

    @Test
    void acceptsATimeFourMinutesAheadAndOneWeekBehind() {
        assertThat(event(validate(topic(GATE), payload("e-1", "heartbeat", "2026-11-21T08:04:00+08:00", null))).instant())
                .isEqualTo(NOW.plusSeconds(240));
        assertThat(event(validate(topic(GATE), payload("e-2", "heartbeat", "2026-11-14T00:00:00Z", null))).id())
                .isEqualTo("e-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"in\"", "42", "true"})
    void rejectsDataThatIsNotAnObject(String data) {
        Rejection r = rejectedGate(payload("heartbeat", data));
        assertThat(r.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(r.detail()).contains("'data'");
    }

    @Test
    void rejectsANulCharacterInAnyString() {
        Rejection inData = rejectedGate(payload("access.granted",
                "{\"direction\":\"in\",\"method\":\"face\",\"person\":\"p-1\\u0000\"}"));
        assertThat(inData.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(inData.detail()).contains("NUL");
        Rejection inId = rejectedGate(payload("e\\u00001", "heartbeat", EventFixtures.NOW_TEXT, null));
        assertThat(inId.detail()).contains("NUL");
        Rejection inNestedKey = rejectedGate(payload("heartbeat", "{\"extra\":[{\"k\\u0000\":1}]}"));
        assertThat(inNestedKey.detail()).contains("NUL");
    }

    @Test
    void acceptsAnEscapedBackslashBeforeU0000WhichIsNoNul() {
        DeviceEvent e = event(validate(topic(GATE), payload("e\\\\u00001", "heartbeat", EventFixtures.NOW_TEXT, null)));
        assertThat(e.id()).isEqualTo("e\\u00001");
    }

    @Test
    void theNulPrefilterNeverMissesANulTheDecoderProduces() {
        java.util.Random random = new java.util.Random(20261205);
        String[] pieces = {"\\u0000", "\\\\u0000", "\\u00000", "u0000", "\\u0001", "\\\\", "a", "\u6c34", "\\n", " "};
        org.communityhub.gateway.mqtt.JsonPayloadDecoder decoder = new org.communityhub.gateway.mqtt.JsonPayloadDecoder();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String json = "{\"k" + (random.nextBoolean() ? text : "") + "\":\"" + text + "\"}";
            byte[] bytes = utf8(json);
            java.util.Map<String, Object> decoded = decoder.decodeObject(bytes);
            boolean hasNul = decoded.keySet().stream().anyMatch(k -> k.indexOf(0) >= 0)
                    || decoded.values().stream().anyMatch(v -> ((String) v).indexOf(0) >= 0);
            if (hasNul) {
                assertThat(EventValidator.mayHoldNul(bytes)).as(json).isTrue();
            }
        }
        assertThat(EventValidator.mayHoldNul(utf8("{\"a\":\"b\"}"))).isFalse();
        assertThat(EventValidator.mayHoldNul(new byte[] {'{', 0, '}'})).isTrue();
    }

    @Test
    void judgesTheTimeAgainstWhenTheHubTookTheMessage() {
        String sixMinutesAhead = payload("e-1", "heartbeat", "2026-11-21T08:06:00+08:00", null);
        assertThat(rejection(validator.validate(topic(GATE), utf8(sixMinutesAhead), NOW)).reason())
                .isEqualTo(RejectReason.FUTURE_TIME);
        assertThat(event(validator.validate(topic(GATE), utf8(sixMinutesAhead), NOW.plusSeconds(120))).id())
                .as("taken two minutes later: four minutes ahead").isEqualTo("e-1");
    }

    @Test
    void keepsTheRejectedPayloadTextForOperators() {
        String bad = payload("access.teleported", null);
        Rejection r = rejectedGate(bad);
        assertThat(r.payload()).isEqualTo(bad);
        assertThat(r.receivedAt()).isEqualTo(NOW);
        assertThat(r.topic()).isEqualTo(topic(GATE));
        assertThat(r.deviceCode()).isEqualTo("g-1");
        assertThat(r.community()).isEqualTo("c-1");
    }
}
