package org.communityhub.gateway.responders;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an alert's delivery announces: the outbox's {@code delivery.purpose} (V364), planned by the database when the
 * alert opens, escalates or is confirmed. One row per (alert, purpose, tier, channel). Rows without an alert (case
 * notices, channel tests) have none.
 */
public enum DeliveryPurpose {
    /** The alert at a tier it reached: tier 1 when it opened, each new tier when it escalated. */
    PAGE,
    /** A guard confirmed a real fire ("火警已确认"): to every tier the alert reached, tier 2 at once. */
    CONFIRMED;

    /** The code in the outbox and the delivery log. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryPurpose> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst();
    }
}
