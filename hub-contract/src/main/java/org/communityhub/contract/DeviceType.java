package org.communityhub.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of device the hub accepts (CONTRACT §4), named as in the MQTT topic, the import format's
 * {@code type} property, the credentials line and the API; each with the event types it may send.
 * The one definition every module uses. Immutable; safe from any thread.
 */
public enum DeviceType {
    GATE("gate"),
    FIRE_BUTTON("fire_button"),
    CAMERA("camera");

    private final String code;

    DeviceType(String code) {
        this.code = code;
    }

    /** The name used in topics, the import format and the API: {@code gate}, {@code fire_button}, {@code camera}. */
    public String code() {
        return code;
    }

    /**
     * Every event type this device type may send, heartbeat included, in {@link EventType} order
     * (CONTRACT §4's table). Cheap: a list built once.
     */
    public List<EventType> eventTypes() {
        return Table.BY_TYPE.get(ordinal());
    }

    /** The type named by an exact code, or empty. */
    public static Optional<DeviceType> fromCode(String code) {
        for (DeviceType t : ByCode.ALL) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The values, copied once ({@code values()} copies its array on every call; the topic parser asks per message). */
    private static final class ByCode {
        static final DeviceType[] ALL = values();
    }

    /** The type named by an exact code; throws {@link IllegalArgumentException} naming the allowed codes. */
    public static DeviceType of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "unknown device type '" + code + "' (expected gate, fire_button or camera)"));
    }

    /** Built on first use, after both enums exist (EventType's constants refer to DeviceType's). */
    private static final class Table {
        static final List<List<EventType>> BY_TYPE = Arrays.stream(DeviceType.values())
                .map(t -> Arrays.stream(EventType.values()).filter(e -> e.belongsTo(t)).toList())
                .toList();
    }
}
