package org.communityhub.contract;

import static org.communityhub.contract.DataField.integer;
import static org.communityhub.contract.DataField.number;
import static org.communityhub.contract.DataField.oneOf;
import static org.communityhub.contract.DataField.text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every event type of CONTRACT §4 with the device type that may send it, its retention class
 * and the fields its {@code data} object carries. Immutable; safe from any thread.
 */
public enum EventType {
    ACCESS_GRANTED("access.granted", DeviceType.GATE, EventClass.ACCESS,
            direction(), method(), text("person", true)),
    ACCESS_DENIED("access.denied", DeviceType.GATE, EventClass.ACCESS, direction(), method(), text("reason", true)),
    ACCESS_STRANGER("access.stranger", DeviceType.GATE, EventClass.ACCESS,
            direction(), number("confidence", true, 0, 1)),
    ACCESS_TAILGATING("access.tailgating", DeviceType.GATE, EventClass.ACCESS,
            direction(), integer("count", true, 1, 1000)),
    DOOR_FORCED("door.forced", DeviceType.GATE, EventClass.ALARM),
    DOOR_HELD_OPEN("door.held_open", DeviceType.GATE, EventClass.ACCESS, number("seconds", true, 0, 86_400 * 7)),
    FIRE_ALARM("fire.alarm", DeviceType.FIRE_BUTTON, EventClass.ALARM,
            integer("floor", false, -10, 200), text("zone", false)),
    FIRE_RESET("fire.reset", DeviceType.FIRE_BUTTON, EventClass.ALARM),
    FIRE_FAULT("fire.fault", DeviceType.FIRE_BUTTON, EventClass.TECHNICAL, text("code", true)),
    CAMERA_INTRUSION("camera.intrusion", DeviceType.CAMERA, EventClass.ALARM,
            text("zone", true), number("confidence", true, 0, 1)),
    CAMERA_CLIMB("camera.climb", DeviceType.CAMERA, EventClass.ALARM, number("confidence", true, 0, 1)),
    CAMERA_TAMPER("camera.tamper", DeviceType.CAMERA, EventClass.TECHNICAL),
    CAMERA_VIDEO_LOSS("camera.video_loss", DeviceType.CAMERA, EventClass.TECHNICAL),
    HEARTBEAT("heartbeat", null, EventClass.TECHNICAL,
            number("battery", false, 0, 100), number("rssi", false, -200, 100));

    private final String code;
    private final DeviceType deviceType;
    private final EventClass eventClass;
    private final List<DataField> fields;

    EventType(String code, DeviceType deviceType, EventClass eventClass, DataField... fields) {
        this.code = code;
        this.deviceType = deviceType;
        this.eventClass = eventClass;
        this.fields = List.of(fields);
    }

    /** The wire name, e.g. {@code fire.alarm}. */
    public String code() {
        return code;
    }

    public EventClass eventClass() {
        return eventClass;
    }

    public List<DataField> fields() {
        return fields;
    }

    /** Whether a device of this type may send this event ({@code heartbeat}: every type). */
    public boolean belongsTo(DeviceType type) {
        return deviceType == null || deviceType == type;
    }

    /** The type named {@code code}: one hash lookup (the ingest path calls it for every message). */
    public static Optional<EventType> fromCode(String code) {
        return Optional.ofNullable(ByCode.MAP.get(code));
    }

    /** The types by code, built once when first used; immutable, thread-safe. */
    private static final class ByCode {
        static final java.util.Map<String, EventType> MAP = java.util.Map.copyOf(Arrays.stream(values())
                .collect(java.util.stream.Collectors.toMap(EventType::code, t -> t)));
    }

    private static DataField direction() {
        return oneOf("direction", true, "in", "out");
    }

    private static DataField method() {
        return oneOf("method", true, "face", "card", "qr", "pin");
    }
}
