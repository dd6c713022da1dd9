package org.communityhub.gateway.ws;

/**
 * A token bucket for one connection's incoming messages: {@code burst} at once, refilled at
 * {@code perSecond}. {@link #tryTake} answers whether one more message is within the rate. Not
 * thread-safe: used on the connection's event loop only; O(1), no allocation.
 */
final class MessageRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    MessageRate(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Whether a message arriving at {@code nowNanos} (a {@link System#nanoTime()} reading) is allowed. */
    boolean tryTake(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
