package org.communityhub.gateway.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; ordered from most to least urgent. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
