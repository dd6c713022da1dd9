package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Only stored reports use up a client's allowance; refused ones have their own, larger one; {@code Retry-After} is
 * the seconds actually left of the blocking window (rounded up, at least 1), read from the injected clock.
 */
class ReportAllowanceTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void refusedReportsDoNotCountAndRetryAfterIsTheTimeLeft() {
        ReportAllowance allowance = new ReportAllowance(clock);
        for (int i = 0; i < 30; i++) {
            assertThat(allowance.admit("10.0.0.1")).isTrue();
            allowance.refused("10.0.0.1");
        }
        for (int i = 0; i < ReportAllowance.STORED; i++) {
            assertThat(allowance.admit("10.0.0.1")).as("stored report %s", i).isTrue();
        }
        assertThat(allowance.admit("10.0.0.1")).isFalse();
        assertThat(allowance.admit("10.0.0.2")).as("another client").isTrue();
        assertThat(allowance.retryAfter("10.0.0.1")).isEqualTo(600);
        advance(Duration.ofSeconds(100).plusMillis(1));
        assertThat(allowance.retryAfter("10.0.0.1")).as("rounded up").isEqualTo(500);
        advance(Duration.ofSeconds(499).plusMillis(998));
        assertThat(allowance.retryAfter("10.0.0.1")).as("at least 1").isEqualTo(1);
        assertThat(allowance.admit("10.0.0.1")).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(allowance.admit("10.0.0.1")).as("a new window").isTrue();
    }

    @Test
    void attemptsOfAnyOutcomeHaveTheirOwnLargerAllowance() {
        ReportAllowance allowance = new ReportAllowance(clock);
        advance(Duration.ofSeconds(7));
        for (int i = 0; i < ReportAllowance.ATTEMPTS; i++) {
            assertThat(allowance.admit("10.0.0.3")).as("attempt %s", i).isTrue();
            allowance.refused("10.0.0.3");
        }
        assertThat(allowance.admit("10.0.0.3")).isFalse();
        advance(Duration.ofMinutes(4));
        assertThat(allowance.retryAfter("10.0.0.3")).isEqualTo(360);
    }
}
