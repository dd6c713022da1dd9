package org.communityhub.gateway.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about. */
public enum AlertKind {
    FIRE, INTRUSION, ACCESS, MAINTENANCE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
