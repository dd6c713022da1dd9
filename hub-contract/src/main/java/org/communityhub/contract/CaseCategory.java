package org.communityhub.contract;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a 随手拍 report is about (CONTRACT §7), with the time limit (限时办结) a dispatcher's acceptance
 * gives it unless the dispatcher sets another. Safety first: a fire-safety hazard gets a day, a
 * dispute a week.
 */
public enum CaseCategory {
    ENVIRONMENT(72),
    FACILITY_DAMAGE(72),
    SAFETY_HAZARD(24),
    FIRE_SAFETY(24),
    DISPUTE(168),
    NOISE(48),
    OTHER(120);

    private final int defaultLimitHours;

    CaseCategory(int defaultLimitHours) {
        this.defaultLimitHours = defaultLimitHours;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The time limit from acceptance to handled, unless configured or chosen otherwise. */
    public Duration defaultLimit() {
        return Duration.ofHours(defaultLimitHours);
    }

    public static Optional<CaseCategory> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
