package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.RejectReason;
import org.communityhub.sim.ScenarioPlan.Publish;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final List<DeviceCredentials> DEVICES = List.of(
            new DeviceCredentials("g-1", "p", "c-1", DeviceType.GATE, "b-1", null),
            new DeviceCredentials("fb-1", "p", "c-1", DeviceType.FIRE_BUTTON, "b-1", null),
            new DeviceCredentials("fb-2", "p", "c-1", DeviceType.FIRE_BUTTON, "b-2", null),
            new DeviceCredentials("cam-1", "p", "c-1", DeviceType.CAMERA, "b-1", null),
            new DeviceCredentials("cam-2", "p", "c-1", DeviceType.CAMERA, null, "q-1"));

    private final Scenarios scenarios = new Scenarios(new EventFactory(EventIds.newRun("t"), Clock.systemUTC(), new Random(3)));
    private final Scenarios.Options defaults = new Scenarios.Options(null, null, 3, 0, 3);

    @Test
    void fireSendsAlarmThenResetFromAFireButtonInTheChosenBuilding() throws Exception {
        ScenarioPlan plan = scenarios.plan("fire", DEVICES, new Scenarios.Options(null, "b-2", 7, 0, 3));
        assertThat(plan.device().code()).isEqualTo("fb-2");
        List<JsonNode> sent = payloads(plan);
        assertThat(sent).extracting(n -> n.get("type").asText()).containsExactly("fire.alarm", "fire.reset");
        assertThat(sent.get(0).at("/data/floor").asInt()).isEqualTo(7);
        assertThat(plan.expectations().get(0)).contains("critical fire alert at building b-2", "count >= 1");
        assertThat(plan.expectations().get(1)).contains("reset_at");
    }

    @Test
    void intrusionPrefersACompoundBoundaryCamera() throws Exception {
        ScenarioPlan plan = scenarios.plan("intrusion", DEVICES, defaults);
        assertThat(plan.device().code()).isEqualTo("cam-2");
        assertThat(payloads(plan)).extracting(n -> n.get("type").asText()).containsExactly("camera.climb");
    }

    @Test
    void tailgatingIsABurstOfTheRequestedSize() throws Exception {
        ScenarioPlan plan = scenarios.plan("tailgating", DEVICES, new Scenarios.Options(null, null, 3, 0, 5));
        assertThat(payloads(plan)).hasSize(5).allMatch(n -> n.get("type").asText().equals("access.tailgating"));
    }

    @Test
    void malformedSendsOneOfEachRejectReasonADeviceCanCauseBetweenTwoValidEvents() throws Exception {
        ScenarioPlan plan = scenarios.plan("malformed", DEVICES, defaults);
        List<Publish> sent = publishes(plan);
        assertThat(sent).hasSize(12);
        PayloadContract.assertValid(sent.get(0).payload(), DeviceType.GATE);
        PayloadContract.assertValid(sent.get(11).payload(), DeviceType.GATE);
        assertThat(sent.get(0).expectedReject()).isNull();
        assertThat(sent.get(11).expectedReject()).isNull();
        Map<RejectReason, Publish> rejects = sent.subList(1, 11).stream()
                .collect(Collectors.toMap(Publish::expectedReject, p -> p));
        assertThat(rejects.keySet()).as("all but bad_topic and topic_mismatch (the broker's per-device ACL refuses "
                        + "them), unknown_device and device_retired (a registration's state, not a payload)")
                .containsExactlyInAnyOrder(EnumSet.complementOf(EnumSet.of(RejectReason.BAD_TOPIC,
                        RejectReason.TOPIC_MISMATCH, RejectReason.UNKNOWN_DEVICE, RejectReason.DEVICE_RETIRED))
                        .toArray(RejectReason[]::new));
        assertThat(plan.expectedRejects()).hasSize(10);
        rejects.forEach((reason, p) -> assertThat(p.label()).startsWith("reject: " + reason.code() + " ("));
        assertThatThrownBy(() -> EventJson.MAPPER.readTree(rejects.get(RejectReason.MALFORMED_JSON).payload())).isNotNull();
        assertThat(json(rejects.get(RejectReason.MISSING_FIELD)).has("type")).isFalse();
        assertThat(json(rejects.get(RejectReason.INVALID_FIELD)).get("id").isNumber()).isTrue();
        assertThat(json(rejects.get(RejectReason.UNKNOWN_EVENT_TYPE)).get("type").asText()).isEqualTo("access.teleported");
        assertThat(json(rejects.get(RejectReason.WRONG_EVENT_TYPE)).get("type").asText()).isEqualTo("fire.alarm");
        assertThat(rejects.get(RejectReason.PAYLOAD_TOO_LARGE).payload().length).isGreaterThan(Scenarios.MAX_PAYLOAD_BYTES);
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(rejects.get(RejectReason.INVALID_UTF8).payload()))).isNotNull();
        OffsetDateTime future = OffsetDateTime.parse(json(rejects.get(RejectReason.FUTURE_TIME)).get("time").asText());
        assertThat(future).isAfter(OffsetDateTime.now().plusMinutes(9));
        assertThat(json(rejects.get(RejectReason.PERSONAL_DATA)).at("/data/image").asText()).startsWith("data:image/");
        assertThat(sent).allMatch(p -> p.topic().equals("hub/v1/c-1/gate/g-1/event"));
        assertThat(plan.expectations().get(0)).contains("10 rejects listed for g-1", "malformed_json, missing_field, "
                + "invalid_field, unknown_event_type, wrong_event_type, payload_too_large, invalid_utf8, "
                + "future_time, personal_data, unknown_field");
    }

    @Test
    void duplicatesResendTheSameBytesWithTheSameIds() throws Exception {
        ScenarioPlan plan = scenarios.plan("duplicates", DEVICES, new Scenarios.Options("g-1", null, 3, 0, 4));
        List<Publish> sent = publishes(plan);
        assertThat(sent).hasSize(8);
        for (int i = 0; i < 4; i++) {
            assertThat(sent.get(i + 4).payload()).isEqualTo(sent.get(i).payload());
            PayloadContract.assertValid(sent.get(i).payload(), DeviceType.GATE);
        }
        assertThat(sent.subList(0, 4).stream().map(Publish::eventId).distinct()).hasSize(4);
        assertThat(json(sent.get(3)).get("type").asText()).isEqualTo("door.forced");
    }

    @Test
    void offlineDropsTheConnection() {
        ScenarioPlan plan = scenarios.plan("offline", DEVICES, new Scenarios.Options("cam-1", null, 3, 0, 3));
        assertThat(plan.steps()).last().isInstanceOf(ScenarioPlan.Drop.class);
    }

    @Test
    void aDeviceOfTheWrongTypeOrUnknownIsAUsageError() {
        assertThatThrownBy(() -> scenarios.plan("fire", DEVICES, new Scenarios.Options("g-1", null, 3, 0, 3)))
                .isInstanceOf(SimUsageException.class).hasMessageContaining("g-1 is a gate, this scenario needs a fire_button");
        assertThatThrownBy(() -> scenarios.plan("fire", DEVICES, new Scenarios.Options("x-9", null, 3, 0, 3)))
                .hasMessageContaining("device x-9 is not in the credentials file");
        assertThatThrownBy(() -> scenarios.plan("fire", DEVICES, new Scenarios.Options(null, "b-9", 3, 0, 3)))
                .hasMessageContaining("no fire_button device in building b-9");
    }

    private static List<Publish> publishes(ScenarioPlan plan) {
        return plan.steps().stream().filter(s -> s instanceof Publish).map(s -> (Publish) s).toList();
    }

    private static List<JsonNode> payloads(ScenarioPlan plan) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (Publish p : publishes(plan)) {
            out.add(PayloadContract.assertValid(p.payload(), plan.device().type()));
        }
        return out;
    }

    private static JsonNode json(Publish p) throws Exception {
        return EventJson.MAPPER.readTree(p.payload());
    }
}
