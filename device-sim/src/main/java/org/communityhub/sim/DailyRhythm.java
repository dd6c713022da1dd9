package org.communityhub.sim;

/**
 * How busy a residential gate is by hour of day (local time, Asia/Shanghai): 1.0 at the morning
 * (7–9 h) and evening (17–20 h) commutes, a little at noon, almost nothing at night. Values are
 * multipliers of a gate's peak rate. Stateless; thread-safe; O(1).
 */
public final class DailyRhythm {

    private static final double[] BY_HOUR = {
        0.04, 0.02, 0.02, 0.02, 0.03, 0.08, 0.35, 0.95, 1.00, 0.50, 0.35, 0.40,
        0.45, 0.40, 0.35, 0.35, 0.45, 0.90, 1.00, 0.85, 0.50, 0.30, 0.15, 0.07,
    };

    private DailyRhythm() {
    }

    /** The gate traffic multiplier (0–1] at an hour of day in [0, 24); other values wrap around. */
    public static double gateTraffic(double hourOfDay) {
        double h = hourOfDay % 24.0;
        if (h < 0) {
            h += 24.0;
        }
        return BY_HOUR[(int) Math.floor(h) % 24];
    }

    /** Whether it is night (22–6 h), when cameras see more intrusions than by day. */
    public static boolean isNight(double hourOfDay) {
        double h = ((hourOfDay % 24.0) + 24.0) % 24.0;
        return h >= 22 || h < 6;
    }
}
