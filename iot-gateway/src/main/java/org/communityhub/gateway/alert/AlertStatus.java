package org.communityhub.gateway.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle: open → acknowledged → resolved (GB 25201: confirm first, then act); a fire alarm confirmed as a
 * real fire is {@code confirmed} (acknowledged, and the fire procedure runs) until it is resolved.
 */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, CONFIRMED, RESOLVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
