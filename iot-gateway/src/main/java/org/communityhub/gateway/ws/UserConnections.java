package org.communityhub.gateway.ws;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} connections per login, so one token cannot hold every slot of a
 * {@link ConnectionLimit}. A caller takes a {@link Slot} for the login before it starts work for a
 * connection and releases it when the connection is gone; past the maximum {@link #tryAcquire}
 * answers empty. Only logins holding a connection have an entry, so the map is bounded by the
 * connections themselves. Thread-safe and non-blocking (one {@link ConcurrentHashMap#compute} per
 * call, safe on an event loop); a slot released twice is counted back once.
 */
public final class UserConnections {

    private final int max;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    /** @param max connections per login, at least 1 */
    public UserConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a login needs at least one connection, not " + max);
        }
        this.max = max;
    }

    /** A slot for {@code username}, or empty when the login already holds {@link #max()} connections. */
    public Optional<Slot> tryAcquire(String username) {
        boolean[] taken = {false};
        held.compute(username, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0] ? Optional.of(new Slot(username)) : Optional.empty();
    }

    /** Connections {@code username} holds now (a momentary reading). */
    public int held(String username) {
        return held.getOrDefault(username, 0);
    }

    public int max() {
        return max;
    }

    /** One taken slot of one login. Thread-safe; {@link #release()} is idempotent. */
    public final class Slot {

        private final String username;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String username) {
            this.username = username;
        }

        /** Gives the slot back; only the first call has an effect. */
        public boolean release() {
            if (released.compareAndSet(false, true)) {
                held.computeIfPresent(username, (k, n) -> n <= 1 ? null : n - 1);
                return true;
            }
            return false;
        }
    }
}
