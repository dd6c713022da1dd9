package org.communityhub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The device-type / event-type table of CONTRACT §4, as the one enum pair every module uses. */
class VocabularyTableTest {

    /** CONTRACT §4's table, row by row ("any" rows belong to every device type). */
    private static final String CONTRACT_TABLE = """
            gate        | access.granted
            gate        | access.denied
            gate        | access.stranger
            gate        | access.tailgating
            gate        | door.forced
            gate        | door.held_open
            fire_button | fire.alarm
            fire_button | fire.reset
            fire_button | fire.fault
            camera      | camera.intrusion
            camera      | camera.climb
            camera      | camera.tamper
            camera      | camera.video_loss
            any         | heartbeat
            """;

    @Test
    void deviceTypesAreTheThreeOfTheContract() {
        assertThat(Arrays.stream(DeviceType.values()).map(DeviceType::code))
                .containsExactly("gate", "fire_button", "camera");
    }

    @Test
    void eachDeviceTypeMaySendExactlyItsRowsAndHeartbeat() {
        Map<String, String> owner = CONTRACT_TABLE.lines().map(l -> l.split("\\|"))
                .collect(Collectors.toMap(r -> r[1].strip(), r -> r[0].strip()));
        for (DeviceType type : DeviceType.values()) {
            assertThat(type.eventTypes()).extracting(EventType::code).as(type.code())
                    .containsExactlyInAnyOrderElementsOf(owner.entrySet().stream()
                            .filter(e -> e.getValue().equals(type.code()) || e.getValue().equals("any"))
                            .map(Map.Entry::getKey).toList());
        }
        assertThat(Arrays.stream(EventType.values()).map(EventType::code)).containsExactlyInAnyOrderElementsOf(owner.keySet());
    }

    @ParameterizedTest
    @CsvSource({"fire.alarm, gate, false", "fire.alarm, fire_button, true", "heartbeat, camera, true",
        "camera.climb, fire_button, false", "door.held_open, gate, true"})
    void belongsToAnswersForOneEventTypeAndDeviceType(String event, String device, boolean belongs) {
        assertThat(EventType.fromCode(event).orElseThrow().belongsTo(DeviceType.of(device))).isEqualTo(belongs);
    }

    @Test
    void retentionClassesFollowTheKindOfEvent() {
        assertThat(EventType.ACCESS_GRANTED.eventClass()).isEqualTo(EventClass.ACCESS);
        assertThat(EventType.FIRE_ALARM.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(EventType.CAMERA_INTRUSION.eventClass()).isEqualTo(EventClass.ALARM);
        assertThat(EventType.HEARTBEAT.eventClass()).isEqualTo(EventClass.TECHNICAL);
        assertThat(EventClass.TECHNICAL.code()).isEqualTo("technical");
    }

    @Test
    void codesReadBackAndUnknownCodesAreRefusedByName() {
        for (DeviceType t : DeviceType.values()) {
            assertThat(DeviceType.fromCode(t.code())).contains(t);
        }
        for (EventType t : EventType.values()) {
            assertThat(EventType.fromCode(t.code())).contains(t);
        }
        assertThat(DeviceType.fromCode("Gate")).isEmpty();
        assertThatThrownBy(() -> DeviceType.of("lift"))
                .hasMessage("unknown device type 'lift' (expected gate, fire_button or camera)");
    }

    @Test
    void rejectReasonCodesAreUniqueReadBackAndCarryAdvice() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::code)).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z0-9_]+"));
        for (RejectReason r : RejectReason.values()) {
            assertThat(RejectReason.fromCode(r.code())).contains(r);
            assertThat(r.advice()).isNotBlank();
        }
        assertThat(RejectReason.fromCode("teleported")).isEmpty();
    }

    @Test
    void caseCategoriesAndStatusesAreThoseOfContractSection7() {
        assertThat(Arrays.stream(CaseCategory.values()).map(CaseCategory::code)).containsExactly("environment",
                "facility_damage", "safety_hazard", "fire_safety", "dispute", "noise", "other");
        assertThat(Arrays.stream(CaseStatus.values()).map(CaseStatus::code)).containsExactly("submitted", "accepted",
                "assigned", "in_progress", "handled", "closed", "rejected");
    }
}
