package org.communityhub.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.event.DeviceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The rule table: which event raises which alert, how severe, keyed on what. */
class AlertPolicyTest {

    private static final RegisteredDevice BUTTON = new RegisteredDevice("f-1", "手报", DeviceType.FIRE_BUTTON, "c-1",
            "cp-1", "b-3", 2, 116.4, 39.9);
    private static final RegisteredDevice LOOSE_BUTTON = new RegisteredDevice("f-9", "车库手报", DeviceType.FIRE_BUTTON,
            "c-1", "cp-1", null, null, 116.4, 39.9);
    private static final RegisteredDevice GATE = new RegisteredDevice("g-1", "闸机", DeviceType.GATE, "c-1", "cp-1",
            "b-3", null, 116.4, 39.9);
    private static final RegisteredDevice CAMERA = new RegisteredDevice("cam-1", "摄像机", DeviceType.CAMERA, "c-1",
            "cp-1", "b-3", null, 116.4, 39.9);

    private final AlertPolicy policy = new AlertPolicy(Duration.ofSeconds(120), Duration.ofMinutes(10));

    private static DeviceEvent event(RegisteredDevice device, EventType type, Map<String, Object> data) {
        return new DeviceEvent(device, "e-1", type, OffsetDateTime.parse("2026-11-21T08:00:00+08:00"), data,
                Instant.parse("2026-11-21T00:00:01Z"), null);
    }

    private static RegisteredDevice deviceFor(EventType type) {
        if (type.belongsTo(DeviceType.GATE)) {
            return GATE;
        }
        return type.belongsTo(DeviceType.FIRE_BUTTON) ? BUTTON : CAMERA;
    }

    @Test
    void aFireAlarmRaisesACriticalFireAlertKeyedByBuilding() {
        AlertAction a = policy.decide(event(BUTTON, EventType.FIRE_ALARM, Map.of("floor", 2)));
        assertThat(a).isEqualTo(new AlertAction.Raise(AlertRule.FIRE, "building:b-3"));
        assertThat(AlertRule.FIRE.kind()).isEqualTo(AlertKind.FIRE);
        assertThat(AlertRule.FIRE.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void twoButtonsInOneBuildingShareTheFireKey() {
        RegisteredDevice other = new RegisteredDevice("f-2", "手报2", DeviceType.FIRE_BUTTON, "c-1", "cp-1", "b-3", 9,
                116.4, 39.9);
        assertThat(policy.decide(event(other, EventType.FIRE_ALARM, Map.of())))
                .isEqualTo(policy.decide(event(BUTTON, EventType.FIRE_ALARM, Map.of())));
    }

    @Test
    void aFireButtonWithoutBuildingIsKeyedByDevice() {
        assertThat(policy.decide(event(LOOSE_BUTTON, EventType.FIRE_ALARM, Map.of())))
                .isEqualTo(new AlertAction.Raise(AlertRule.FIRE, "device:f-9"));
    }

    @Test
    void aFireResetRecordsAResetOnTheSameKey() {
        assertThat(policy.decide(event(BUTTON, EventType.FIRE_RESET, Map.of())))
                .isEqualTo(new AlertAction.RecordReset(AlertRule.FIRE, "building:b-3"));
        assertThat(policy.decide(event(LOOSE_BUTTON, EventType.FIRE_RESET, Map.of())))
                .isEqualTo(new AlertAction.RecordReset(AlertRule.FIRE, "device:f-9"));
    }

    @ParameterizedTest
    @CsvSource({
        "CAMERA_CLIMB, INTRUSION, HIGH", "CAMERA_INTRUSION, INTRUSION, HIGH", "DOOR_FORCED, INTRUSION, HIGH",
        "ACCESS_TAILGATING, ACCESS, MEDIUM", "ACCESS_STRANGER, ACCESS, MEDIUM",
        "CAMERA_TAMPER, MAINTENANCE, LOW", "CAMERA_VIDEO_LOSS, MAINTENANCE, LOW", "FIRE_FAULT, MAINTENANCE, LOW"})
    void raisesAnAlertOfTheRuleAndSeverityKeyedByDevice(EventType type, AlertKind kind, Severity severity) {
        RegisteredDevice device = deviceFor(type);
        AlertAction a = policy.decide(event(device, type, Map.of()));
        assertThat(a).isInstanceOf(AlertAction.Raise.class);
        AlertAction.Raise raise = (AlertAction.Raise) a;
        assertThat(raise.rule().kind()).isEqualTo(kind);
        assertThat(raise.rule().severity()).isEqualTo(severity);
        assertThat(raise.correlationKey()).isEqualTo("device:" + device.code());
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"ACCESS_GRANTED", "ACCESS_DENIED", "HEARTBEAT"})
    void raisesNothingForRoutineEvents(EventType type) {
        assertThat(policy.decide(event(deviceFor(type), type, Map.of()))).isInstanceOf(AlertAction.None.class);
    }

    @ParameterizedTest
    @CsvSource({"0, false", "119.9, false", "120, false", "120.5, true", "121, true", "3600, true"})
    void aDoorHeldOpenRaisesAnAccessAlertOnlyBeyondTheThreshold(double seconds, boolean raises) {
        AlertAction a = policy.decide(event(GATE, EventType.DOOR_HELD_OPEN, Map.of("seconds", seconds)));
        assertThat(a).isEqualTo(raises ? new AlertAction.Raise(AlertRule.ACCESS, "device:g-1") : new AlertAction.None());
    }

    @Test
    void aDoorHeldOpenWithIntegerSecondsIsComparedTheSameWay() {
        assertThat(policy.decide(event(GATE, EventType.DOOR_HELD_OPEN, Map.of("seconds", 121))))
                .isInstanceOf(AlertAction.Raise.class);
        assertThat(policy.decide(event(GATE, EventType.DOOR_HELD_OPEN, Map.of("seconds", 120))))
                .isInstanceOf(AlertAction.None.class);
    }

    @Test
    void aDeviceGoingOfflineRaisesAMaintenanceAlertKeyedByDevice() {
        assertThat(policy.deviceOffline("cam-1")).isEqualTo(new AlertAction.Raise(AlertRule.MAINTENANCE, "device:cam-1"));
    }

    @Test
    void severitiesAreOrderedFromMostToLeastUrgentWithContractCodes() {
        assertThat(Severity.values()).containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
        assertThat(Severity.fromCode("critical")).contains(Severity.CRITICAL);
        assertThat(Severity.fromCode("CRITICAL")).isEmpty();
    }
}
