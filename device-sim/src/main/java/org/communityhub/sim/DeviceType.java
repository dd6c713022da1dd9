package org.communityhub.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three device types of CONTRACT §4, with the event types each may send.
 * Immutable; thread-safe.
 */
public enum DeviceType {
    GATE("gate", List.of("access.granted", "access.denied", "access.stranger", "access.tailgating",
            "door.forced", "door.held_open", "heartbeat")),
    FIRE_BUTTON("fire_button", List.of("fire.alarm", "fire.reset", "fire.fault", "heartbeat")),
    CAMERA("camera", List.of("camera.intrusion", "camera.climb", "camera.tamper", "camera.video_loss", "heartbeat"));

    private final String wireName;
    private final List<String> eventTypes;

    DeviceType(String wireName, List<String> eventTypes) {
        this.wireName = wireName;
        this.eventTypes = eventTypes;
    }

    /** The name used in topics and credentials files: {@code gate}, {@code fire_button}, {@code camera}. */
    public String wireName() {
        return wireName;
    }

    /** Every event type this device type may send, heartbeat included. */
    public List<String> eventTypes() {
        return eventTypes;
    }

    /** An event type of another device type, which the hub must reject for this one. */
    public String foreignEventType() {
        return this == FIRE_BUTTON ? "camera.climb" : "fire.alarm";
    }

    /**
     * The type-appropriate event an installer check sends: one that exercises the device's own
     * event path without raising an alarm.
     */
    public String checkEventType() {
        return switch (this) {
            case GATE -> "access.granted";
            case FIRE_BUTTON -> "fire.reset";
            case CAMERA -> "heartbeat";
        };
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static DeviceType fromWire(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown device type '" + name + "' (expected gate, fire_button or camera)"));
    }
}
