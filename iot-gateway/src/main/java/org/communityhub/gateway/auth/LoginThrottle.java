package org.communityhub.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limit on failed logins per key (an address, or address and username): {@code maxFailures} within
 * {@code window} block that key until the window has passed. Per instance, in memory
 * (accounts are also locked in the database, which every instance shares). Thread-safe; entries
 * expire, and the map is bounded by pruning when it grows past {@link #MAX_TRACKED}.
 */
public final class LoginThrottle {

    static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int failures) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public boolean blocked(String address) {
        Window w = byAddress.get(key(address));
        return w != null && w.failures() >= maxFailures && w.start().plus(window).isAfter(clock.instant());
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.values().removeIf(w -> w.start().plus(window).isBefore(now));
        }
        byAddress.compute(key(address), (k, w) -> w == null || w.start().plus(window).isBefore(now)
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    /**
     * How long {@code address} stays blocked: until its window ends ({@link Duration#ZERO} when it is not
     * blocked).
     */
    public Duration blockedFor(String address) {
        Window w = byAddress.get(key(address));
        if (w == null || w.failures() < maxFailures) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), w.start().plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Takes back one {@link #failed} of {@code address} (a counted attempt that turned out not to count). */
    public void forgive(String address) {
        byAddress.computeIfPresent(key(address), (k, w) -> w.failures() <= 1 ? null
                : new Window(w.start(), w.failures() - 1));
    }

    public void succeeded(String address) {
        byAddress.remove(key(address));
    }

    private static String key(String address) {
        return address == null ? "?" : address;
    }
}
