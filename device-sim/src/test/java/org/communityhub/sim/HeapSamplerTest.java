package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.communityhub.sim.testing.HeapSampler;
import org.junit.jupiter.api.Test;

/** The soak's heap reading: {@code jstat -gc} output becomes survivors + eden + old in MB. */
class HeapSamplerTest {

    private static final String HEADER = " S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    "
            + "CCSC   CCSU   YGC     YGCT    FGC    FGCT    CGC    CGCT     GCT   ";

    @Test
    void usedIsTheSumOfSurvivorsEdenAndOldInMegabytes() {
        String out = HEADER + "\n   0.0  1024.0    0.0   512.0  22528.0   2048.0   239616.0    9728.0  21248.0 20834.3 "
                + "2560.0 2386.7      6     0.031   1      0.021   4      0.003    0.055\n";
        assertThat(HeapSampler.usedAfterGcMb(out)).isCloseTo((512 + 2048 + 9728) / 1024.0, within(1e-9));
    }

    @Test
    void outputWithoutTheColumnsIsAnError() {
        assertThatThrownBy(() -> HeapSampler.usedAfterGcMb("12345 not found")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HeapSampler.usedAfterGcMb(" S0C S1C\n 1.0 2.0")).isInstanceOf(IllegalStateException.class);
    }
}
