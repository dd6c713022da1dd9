package org.communityhub.gateway.device;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of device the hub accepts, named as in the MQTT topic (CONTRACT §4). */
public enum DeviceType {
    GATE("gate"),
    FIRE_BUTTON("fire_button"),
    CAMERA("camera");

    private final String code;

    DeviceType(String code) {
        this.code = code;
    }

    /** The name used in topics, the import format and the API. */
    public String code() {
        return code;
    }

    public static Optional<DeviceType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
