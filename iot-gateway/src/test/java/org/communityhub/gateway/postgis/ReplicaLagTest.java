package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The replica's lag on the hub's clock, and the fence after a change (issue 19). */
class ReplicaLagTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void anIdlePrimaryWithAReplicaThatHasEverythingIsNotBehind() {
        ReplicaLag lag = new ReplicaLag();
        for (int t = 0; t < 100; t++) {
            lag.primaryAt(1000, t * SECOND);
            assertThat(lag.replayed(1000, t * SECOND)).isZero();
        }
    }

    @Test
    void theLagIsTheAgeOfTheOldestPositionNotReplayedAndShrinksAsReplayCatchesUp() {
        ReplicaLag lag = new ReplicaLag();
        lag.primaryAt(100, 0);
        assertThat(lag.replayed(100, 0)).isZero();
        lag.primaryAt(200, 10 * SECOND); // the primary wrote; the replica stopped replaying at 100
        lag.primaryAt(300, 20 * SECOND);
        assertThat(lag.replayed(100, 25 * SECOND)).isCloseTo(15, within(1e-9));
        lag.primaryAt(300, 40 * SECOND); // nothing new written: still 200 is the oldest missing
        assertThat(lag.replayed(100, 40 * SECOND)).isCloseTo(30, within(1e-9));
        assertThat(lag.replayed(250, 41 * SECOND)).as("200 replayed, 300 (seen at 20 s) not").isCloseTo(21, within(1e-9));
        assertThat(lag.replayed(300, 42 * SECOND)).isZero();
    }

    @Test
    void aFenceHoldsUntilTheReplicaReplayedThePositionSeenAfterTheChange() {
        ReplicaLag lag = new ReplicaLag();
        assertThat(lag.fenced(0)).isFalse();
        lag.fence(500);
        assertThat(lag.fenced(499)).isTrue();
        assertThat(lag.fenced(500)).isFalse();
        lag.fence(400);
        assertThat(lag.fenced(450)).as("an older fence does not move it back").isTrue();
    }

    @Test
    void keepsAtMostADayOfPositions() {
        ReplicaLag lag = new ReplicaLag();
        for (int i = 1; i <= ReplicaLag.MAX_NOTED + 10; i++) {
            lag.primaryAt(i, i * SECOND);
        }
        assertThat(lag.replayed(0, (ReplicaLag.MAX_NOTED + 11L) * SECOND)).isCloseTo(ReplicaLag.MAX_NOTED + 10, within(1e-6));
        assertThat(lag.replayed(ReplicaLag.MAX_NOTED, (ReplicaLag.MAX_NOTED + 11L) * SECOND)).isZero();
    }
}
