package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.communityhub.sim.testing.HeapTrend;
import org.communityhub.sim.testing.HeapTrend.Sample;
import org.junit.jupiter.api.Test;

/** The soak's heap oracle: least-squares slope, rise over the window, and the flat verdict. */
class HeapTrendTest {

    @Test
    void aStraightLineHasExactlyItsSlopeAndRise() {
        HeapTrend t = HeapTrend.of(line(100, 2.0, 0.01, 61, 10));
        assertThat(t.slopeMbPerSecond()).isCloseTo(0.01, within(1e-12));
        assertThat(t.windowSeconds()).isEqualTo(600.0);
        assertThat(t.riseOverWindowMb()).isCloseTo(6.0, within(1e-9));
        assertThat(t.startMb()).isEqualTo(100.0);
        assertThat(t.endMb()).isCloseTo(106.0, within(1e-9));
    }

    @Test
    void noiseAroundALevelIsFlatAndASteadyLeakIsNot() {
        List<Sample> level = new ArrayList<>();
        for (int i = 0; i <= 240; i++) {
            level.add(new Sample(i * 15.0, 20 + (i % 2 == 0 ? 1.5 : -1.5)));
        }
        assertThat(HeapTrend.of(level).flat(16, 8)).isTrue();
        assertThat(Math.abs(HeapTrend.of(level).riseOverWindowMb())).isLessThan(0.1);
        HeapTrend leak = HeapTrend.of(line(20, 15.0, 10.0 / 3600, 241, 15));
        assertThat(leak.riseOverWindowMb()).isCloseTo(10.0, within(1e-9));
        assertThat(leak.flat(16, 8)).as("10 MB an hour is a leak even though the end is within the slack").isFalse();
    }

    @Test
    void anEndFarAboveTheStartIsNotFlatEvenWithoutATrend() {
        List<Sample> s = new ArrayList<>(line(30, 0, 0, 10, 5));
        s.add(new Sample(50, 47));
        HeapTrend t = HeapTrend.of(s);
        assertThat(t.endMb()).isEqualTo(47.0);
        assertThat(t.flat(16, 100)).isFalse();
        assertThat(t.flat(17, 100)).isTrue();
    }

    @Test
    void aFallingHeapIsFlatAndTheSummaryNamesTheFigures() {
        HeapTrend t = HeapTrend.of(line(80, 5.0, -0.02, 13, 5));
        assertThat(t.flat(16, 8)).isTrue();
        assertThat(t.minMb()).isLessThan(t.maxMb());
        assertThat(t.summary()).contains("13 samples over 60 s", "start 80.0 MB", "end 78.8 MB", "MB/min");
    }

    @Test
    void fewerThanTwoSamplesOrNoTimeSpanIsRefused() {
        assertThatThrownBy(() -> HeapTrend.of(List.of(new Sample(0, 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeapTrend.of(List.of(new Sample(3, 1), new Sample(3, 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code n} samples every {@code step} s starting at {@code t0}: {@code y0 + slope·(t − t0)}. */
    private static List<Sample> line(double y0, double t0, double slope, int n, double step) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = t0 + i * step;
            out.add(new Sample(t, y0 + slope * (t - t0)));
        }
        return out;
    }
}
