package org.communityhub.geo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

/**
 * A speed or memory figure seen by a functional test. It is always printed (one line starting with
 * {@code MEASURED}); its target is asserted only in long mode ({@code ./hub test --long}, run on a
 * quiet machine), because a busy CI machine must not fail a functional test over a number. The
 * targets themselves are benchmarks in {@code bench/}. Stateless; thread-safe.
 */
public final class Measured {

    private Measured() {
    }

    /** Prints {@code value} and, in long mode, asserts {@code value <= limit}. */
    public static void atMost(String what, double value, double limit, String unit) {
        System.out.printf(Locale.ROOT, "MEASURED %s: %.1f %s (target ≤ %.1f %s%s)%n", what, value, unit, limit, unit,
                HubTestServices.longMode() ? "" : ", asserted only with ./hub test --long");
        if (HubTestServices.longMode()) {
            assertThat(value).as("%s (%s)", what, unit).isLessThanOrEqualTo(limit);
        }
    }
}
