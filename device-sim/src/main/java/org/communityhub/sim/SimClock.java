package org.communityhub.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Compressed simulated time for daily rhythms: starts at a given local time (Asia/Shanghai) and runs
 * {@code speed} times faster than the real clock. Events still carry the real device clock (the hub
 * rejects times in the future); only the rhythm follows simulated time. Immutable; thread-safe.
 */
public final class SimClock {

    /** The district's local time zone. */
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock real;
    private final Instant realStart;
    private final LocalDateTime simStart;
    private final double speed;

    public SimClock(Clock real, LocalTime startAt, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        this.real = real;
        this.realStart = real.instant();
        LocalDateTime now = LocalDateTime.ofInstant(realStart, LOCAL_ZONE);
        this.simStart = startAt == null ? now : now.toLocalDate().atTime(startAt);
        this.speed = speed;
    }

    public double speed() {
        return speed;
    }

    /** The simulated local date-time now. */
    public LocalDateTime now() {
        Duration realElapsed = Duration.between(realStart, real.instant());
        long simNanos = (long) (realElapsed.toNanos() * speed);
        return simStart.plusNanos(simNanos);
    }

    /** The simulated hour of day as a fraction, e.g. 8.5 for 08:30. */
    public double hourOfDay() {
        LocalTime t = now().toLocalTime();
        return t.toSecondOfDay() / 3600.0;
    }

    /** Real milliseconds that {@code simulatedSeconds} of simulated time take. */
    public long realMillis(double simulatedSeconds) {
        return Math.max(1L, Math.round(simulatedSeconds * 1000.0 / speed));
    }
}
