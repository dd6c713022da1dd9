package org.communityhub.geo.demo;

/** Device types of CONTRACT §4 that the demo generator installs. Immutable. */
public enum DeviceType {
    GATE("gate", "g"),
    FIRE_BUTTON("fire_button", "fb"),
    CAMERA("camera", "cam");

    private final String wireName;
    private final String codePrefix;

    DeviceType(String wireName, String codePrefix) {
        this.wireName = wireName;
        this.codePrefix = codePrefix;
    }

    /** The {@code type} value written to GeoJSON and used in MQTT topics. */
    public String wireName() {
        return wireName;
    }

    /** Prefix of generated device codes, e.g. {@code g} in {@code g-c01-q03-1}. */
    String codePrefix() {
        return codePrefix;
    }
}
