package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.communityhub.contract.DeviceType;
import org.junit.jupiter.api.Test;

class DailyRhythmTest {

    @Test
    void gateTrafficPeaksInTheMorningBetween7And9() {
        assertThat(argMax(0, 12)).isBetween(7.0, 9.0);
    }

    @Test
    void gateTrafficPeaksInTheEveningBetween17And20() {
        assertThat(argMax(12, 24)).isBetween(17.0, 20.0);
    }

    @Test
    void commuteHoursAreBusierThanEveryOtherHour() {
        double quietestPeak = Double.MAX_VALUE;
        double busiestOther = 0;
        for (double h = 0; h < 24; h += 0.25) {
            boolean peak = (h >= 7 && h < 9) || (h >= 17 && h < 20);
            if (peak) {
                quietestPeak = Math.min(quietestPeak, DailyRhythm.gateTraffic(h));
            } else {
                busiestOther = Math.max(busiestOther, DailyRhythm.gateTraffic(h));
            }
        }
        assertThat(quietestPeak).isGreaterThan(busiestOther);
        assertThat(DailyRhythm.gateTraffic(3)).isLessThan(0.1);
    }

    @Test
    void hoursWrapAroundMidnight() {
        assertThat(DailyRhythm.gateTraffic(32)).isEqualTo(DailyRhythm.gateTraffic(8));
        assertThat(DailyRhythm.gateTraffic(-1)).isEqualTo(DailyRhythm.gateTraffic(23));
    }

    @Test
    void simulatedGateEventsFollowTheRhythm() {
        Random random = new Random(1);
        assertThat(eventsInHour(8.5, random)).isGreaterThan(5 * eventsInHour(3.5, random));
    }

    private static int eventsInHour(double hour, Random random) {
        Map<String, Double> rates = FleetBehaviour.ratesPerHour(DeviceType.GATE, hour);
        double total = FleetBehaviour.totalPerHour(rates);
        int n = 0;
        for (double t = FleetBehaviour.nextGapSeconds(total, random); t < 3600 * 20; t += FleetBehaviour.nextGapSeconds(total,
                random)) {
            n++;
        }
        return n;
    }

    private static double argMax(double from, double to) {
        double best = from;
        for (double h = from; h < to; h += 0.25) {
            if (DailyRhythm.gateTraffic(h) > DailyRhythm.gateTraffic(best)) {
                best = h;
            }
        }
        return best;
    }
}
