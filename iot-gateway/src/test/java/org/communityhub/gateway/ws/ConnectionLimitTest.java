package org.communityhub.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connection slots: never more than the maximum in use, each slot counted back exactly once. */
class ConnectionLimitTest {

    @Test
    void refusesOnceEverySlotIsTakenAndAcceptsAgainAfterARelease() {
        ConnectionLimit limit = new ConnectionLimit(3);
        List<ConnectionLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slots.add(limit.tryAcquire().orElseThrow());
        }
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.inUse()).isEqualTo(3);

        assertThat(slots.get(1).release()).isTrue();
        assertThat(limit.inUse()).isEqualTo(2);
        assertThat(limit.tryAcquire()).isPresent();
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.inUse()).isEqualTo(3);
    }

    @Test
    void aSlotReleasedTwiceIsCountedBackOnce() {
        ConnectionLimit limit = new ConnectionLimit(2);
        ConnectionLimit.Slot a = limit.tryAcquire().orElseThrow();
        ConnectionLimit.Slot b = limit.tryAcquire().orElseThrow();
        assertThat(a.release()).isTrue();
        assertThat(a.release()).as("the second release of the same slot").isFalse();
        assertThat(a.isReleased()).isTrue();
        assertThat(b.isReleased()).isFalse();
        assertThat(limit.inUse()).as("b still holds its slot").isEqualTo(1);
        b.release();
        assertThat(limit.inUse()).isZero();
    }

    @Test
    void needsAtLeastOneSlot() {
        assertThatThrownBy(() -> new ConnectionLimit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ConnectionLimit(1).max()).isEqualTo(1);
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheMaximumAndEndWithNothingInUse() throws Exception {
        int max = 16;
        int threads = 8;
        int rounds = 20_000;
        ConnectionLimit limit = new ConnectionLimit(max);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    List<ConnectionLimit.Slot> mine = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        if (!mine.isEmpty() && ThreadLocalRandom.current().nextBoolean()) {
                            holding.decrementAndGet();
                            ConnectionLimit.Slot s = mine.remove(mine.size() - 1);
                            s.release();
                            s.release();
                            continue;
                        }
                        Optional<ConnectionLimit.Slot> s = limit.tryAcquire();
                        if (s.isPresent()) {
                            mine.add(s.get());
                            mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        } else {
                            refused.incrementAndGet();
                        }
                        assertThat(limit.inUse()).isBetween(0, max);
                    }
                    mine.forEach(s -> {
                        holding.decrementAndGet();
                        s.release();
                    });
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostHeld.get()).as("slots held at once").isLessThanOrEqualTo(max);
        assertThat(refused.get()).as("the limit was really reached").isPositive();
        assertThat(limit.inUse()).isZero();
    }
}
