package org.communityhub.gateway.ws;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of connection slots. A caller takes a {@link Slot} before it starts work for a
 * connection (for the stream: before the WebSocket handshake, so upgrades still in progress count)
 * and releases it when the connection is gone; when every slot is taken, {@link #tryAcquire()}
 * answers empty at once and the caller refuses the connection.
 *
 * <p>Thread-safe and lock-free: acquiring is one compare-and-set loop on an {@link AtomicInteger},
 * releasing one compare-and-set on the slot plus one decrement, so both are safe on an event loop
 * and never block. Slots in use can never exceed the maximum, not even for a moment, and a slot
 * released twice (say by an exception handler and then a close handler) is counted back only once.
 */
public final class ConnectionLimit {

    private final int max;
    private final AtomicInteger inUse = new AtomicInteger();

    /** @param max the number of slots, at least 1 */
    public ConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a connection limit needs at least one slot, not " + max);
        }
        this.max = max;
    }

    /** A slot, or empty when all {@link #max()} are in use. Never blocks; O(1) apart from CAS retries. */
    public Optional<Slot> tryAcquire() {
        int before = inUse.getAndUpdate(n -> n < max ? n + 1 : n);
        return before < max ? Optional.of(new Slot()) : Optional.empty();
    }

    /** Slots taken and not yet released (a momentary reading). */
    public int inUse() {
        return inUse.get();
    }

    public int max() {
        return max;
    }

    /** One taken slot. Thread-safe; {@link #release()} is idempotent. */
    public final class Slot {

        private final AtomicBoolean released = new AtomicBoolean();

        private Slot() {
        }

        /**
         * Gives the slot back; only the first call has an effect.
         *
         * @return whether this call released it (false: it was released before)
         */
        public boolean release() {
            if (released.compareAndSet(false, true)) {
                inUse.decrementAndGet();
                return true;
            }
            return false;
        }

        public boolean isReleased() {
            return released.get();
        }
    }
}
