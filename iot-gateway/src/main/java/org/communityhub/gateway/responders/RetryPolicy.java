package org.communityhub.gateway.responders;

import java.time.Duration;

/**
 * When a failed delivery is tried again: {@code base × 2^(attempt-1)}, at most {@code cap}; a rate-limited answer
 * (HTTP 429, WeCom 45009, DingTalk 130101, Feishu 9499/11232) waits at least a minute, the robots' limit window.
 * After {@code maxAttempts} attempts, or at once after a {@linkplain SendResult#permanent() permanent} refusal, the
 * delivery has failed for good. Immutable; thread-safe.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy: base > 0, cap ≥ base, maxAttempts ≥ 1");
        }
    }

    /** The wait after attempt number {@code attempt} ended in {@code result}, or null when none follows. */
    public Duration after(int attempt, SendResult result) {
        return result.permanent() ? null : after(attempt, result.rateLimited());
    }

    /** The wait after attempt number {@code attempt} (1 = the first) failed, or null when it was the last. */
    public Duration after(int attempt, boolean rateLimited) {
        if (attempt >= maxAttempts) {
            return null;
        }
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        Duration d = base.multipliedBy(1L << shift);
        if (d.compareTo(cap) > 0 || d.isNegative()) {
            d = cap;
        }
        if (rateLimited && d.compareTo(RATE_WINDOW) < 0) {
            d = cap.compareTo(RATE_WINDOW) < 0 ? cap : RATE_WINDOW;
        }
        return d;
    }
}
