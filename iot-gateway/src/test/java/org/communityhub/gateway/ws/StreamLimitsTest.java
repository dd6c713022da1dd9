package org.communityhub.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Per-login connection slots and the per-connection message rate. */
class StreamLimitsTest {

    @Test
    void aLoginGetsAtMostItsSlotsWhileOthersGetTheirs() {
        UserConnections limit = new UserConnections(2);
        UserConnections.Slot a1 = limit.tryAcquire("a").orElseThrow();
        limit.tryAcquire("a").orElseThrow();
        assertThat(limit.tryAcquire("a")).isEmpty();
        assertThat(limit.tryAcquire("b")).isPresent();
        assertThat(a1.release()).isTrue();
        assertThat(a1.release()).as("released twice, counted once").isFalse();
        assertThat(limit.held("a")).isEqualTo(1);
        assertThat(limit.tryAcquire("a")).isPresent();
        assertThat(limit.tryAcquire("a")).isEmpty();
        assertThatThrownBy(() -> new UserConnections(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLoginWithNoConnectionsLeavesNoEntry() {
        UserConnections limit = new UserConnections(3);
        limit.tryAcquire("gone").orElseThrow().release();
        assertThat(limit.held("gone")).isZero();
    }

    @Test
    void theRateAllowsABurstThenRefillsAtItsPace() {
        long second = 1_000_000_000L;
        MessageRate rate = new MessageRate(5, 20, 0);
        for (int i = 0; i < 20; i++) {
            assertThat(rate.tryTake(0)).as("message " + i + " of the burst").isTrue();
        }
        assertThat(rate.tryTake(0)).isFalse();
        assertThat(rate.tryTake(second / 5)).as("one more after a fifth of a second").isTrue();
        assertThat(rate.tryTake(second / 5)).isFalse();
        int allowed = 0;
        for (long t = second; t < 11 * second; t += second / 100) {
            allowed += rate.tryTake(t) ? 1 : 0;
        }
        assertThat(allowed).as("in 10 s at 100 messages/s: 4 saved up since 0.2 s, then 5 a second")
                .isBetween(53, 55);
    }
}
