package org.communityhub.sim;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids {@code <run-prefix>-<seq>}, unique per device within a run; the prefix (kind, time and a
 * random part) keeps runs apart. Thread-safe; O(1) per id.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public EventIds(String prefix) {
        if (!prefix.matches("[a-z0-9]{1,40}")) {
            throw new IllegalArgumentException("run prefix must be 1-40 of [a-z0-9]: " + prefix);
        }
        this.prefix = prefix;
    }

    /** A fresh prefix such as {@code load0m3k2x7a9}: kind, base-36 seconds and 3 random characters. */
    public static EventIds newRun(String kind) {
        String time = Long.toString(System.currentTimeMillis() / 1000, 36);
        String random = Integer.toString(36 * 36 + RANDOM.nextInt(36 * 36 * 35), 36).substring(0, 3);
        return new EventIds((kind + time + random).toLowerCase(Locale.ROOT));
    }

    public String prefix() {
        return prefix;
    }

    /** The next id for one device: {@code prefix-1}, {@code prefix-2}, ... */
    public String next(String deviceCode) {
        return prefix + "-" + sequences.computeIfAbsent(deviceCode, c -> new AtomicLong()).incrementAndGet();
    }
}
