package org.communityhub.gateway.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a resolved alert ended. A false alarm must be explained in the note. */
public enum Outcome {
    RESOLVED, FALSE_ALARM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Outcome> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
