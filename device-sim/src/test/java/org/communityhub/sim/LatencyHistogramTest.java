package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTwoPercentOfTheExactValues() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat((double) h.percentileMicros(0.50)).isCloseTo(50_000, within(1_000.0));
        assertThat((double) h.percentileMicros(0.95)).isCloseTo(95_000, within(1_900.0));
        assertThat((double) h.percentileMicros(0.99)).isCloseTo(99_000, within(1_980.0));
        assertThat(h.maxMicros()).isEqualTo(100_000);
        assertThat(h.percentileMicros(1.0)).isEqualTo(100_000);
    }

    @Test
    void emptyAndNegativeValuesAreHarmless() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileMicros(0.99)).isZero();
        h.record(-5);
        assertThat(h.percentileMicros(0.5)).isZero();
    }
}
