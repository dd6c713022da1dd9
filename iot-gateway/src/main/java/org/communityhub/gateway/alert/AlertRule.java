package org.communityhub.gateway.alert;

import java.util.Locale;

/**
 * The rule table: which alert an event raises, how severe, and what repeats fold into it.
 * Fire alarms correlate per building (several buttons in one burning building are one incident);
 * every other rule per device.
 */
public enum AlertRule {
    FIRE(AlertKind.FIRE, Severity.CRITICAL, true),
    INTRUSION(AlertKind.INTRUSION, Severity.HIGH, false),
    ACCESS(AlertKind.ACCESS, Severity.MEDIUM, false),
    MAINTENANCE(AlertKind.MAINTENANCE, Severity.LOW, false);

    private final AlertKind kind;
    private final Severity severity;
    private final boolean perBuilding;

    AlertRule(AlertKind kind, Severity severity, boolean perBuilding) {
        this.kind = kind;
        this.severity = severity;
        this.perBuilding = perBuilding;
    }

    public AlertKind kind() {
        return kind;
    }

    public Severity severity() {
        return severity;
    }

    /** The key repeats fold on: the building for fire (when known), else the device. */
    public String correlationKey(String deviceCode, String buildingCode) {
        return perBuilding && buildingCode != null ? "building:" + buildingCode : "device:" + deviceCode;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
