package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.communityhub.gateway.config.ManualClock;
import org.junit.jupiter.api.Test;

/** Failed-login rate limit per address. */
class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(10), clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    @Test
    void blocksAnAddressAfterTheMaximumFailuresWithinTheWindow() {
        fail("10.0.0.7", 4);
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
        throttle.failed("10.0.0.7");
        assertThat(throttle.blocked("10.0.0.7")).isTrue();
    }

    @Test
    void blocksOnlyTheFailingAddress() {
        fail("10.0.0.7", 5);
        assertThat(throttle.blocked("10.0.0.8")).isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotBlock() {
        fail("10.0.0.7", 4);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        throttle.failed("10.0.0.7");
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
    }

    @Test
    void unblocksWhenTheWindowHasPassed() {
        fail("10.0.0.7", 5);
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.blocked("10.0.0.7")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
    }

    @Test
    void aFreshWindowAfterExpiryCountsFromOne() {
        fail("10.0.0.7", 5);
        clock.advance(Duration.ofMinutes(11));
        throttle.failed("10.0.0.7");
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
        fail("10.0.0.7", 4);
        assertThat(throttle.blocked("10.0.0.7")).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        fail("10.0.0.7", 4);
        throttle.succeeded("10.0.0.7");
        fail("10.0.0.7", 4);
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
    }

    @Test
    void anUnknownAddressIsTrackedUnderOneKey() {
        fail(null, 5);
        assertThat(throttle.blocked(null)).isTrue();
        assertThat(throttle.blocked("10.0.0.7")).isFalse();
    }
}
