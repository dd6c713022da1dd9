package org.communityhub.geo.importer;

import java.util.Locale;
import java.util.Optional;

/** The device types of the MQTT contract; the {@code type} property of a device feature. */
public enum DeviceType {
    GATE, FIRE_BUTTON, CAMERA;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named by an exact lower-case code, or empty. */
    public static Optional<DeviceType> parse(String text) {
        for (DeviceType type : values()) {
            if (type.code().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
