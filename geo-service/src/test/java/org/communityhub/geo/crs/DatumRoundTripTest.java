package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Round trips over a 0.25° grid of every mainland China position (about 15,000 points, Hainan included), plus a fine
 * grid over Shenzhen where the offset's short-wave terms vary fastest. Distances by haversine.
 */
class DatumRoundTripTest {

    /** Required bound for the iterative inverse: far below the ~5 m error of the one-step approximation. */
    private static final double BOUND_M = 0.5;
    /** What the iteration actually achieves; asserted so that a regression towards the bound is noticed. */
    private static final double ACHIEVED_M = 0.001;

    private static final List<LonLat> GRID = new ArrayList<>();

    @BeforeAll
    static void mainlandGrid() {
        addGrid(73.0, 135.5, 18.0, 54.0, 0.25);
        addGrid(113.75, 114.65, 22.40, 22.90, 0.01);
        assertThat(GRID).hasSizeGreaterThan(10_000);
    }

    @Test
    void gcj02ToWgs84ToGcj02ReturnsTheInput() {
        double worst = 0;
        for (LonLat gcj : GRID) {
            LonLat back = DatumConverter.fromWgs84(Datum.GCJ02, DatumConverter.toWgs84(Datum.GCJ02, gcj));
            worst = Math.max(worst, Haversine.metres(gcj, back));
        }
        assertThat(worst).isLessThan(BOUND_M).isLessThan(ACHIEVED_M);
    }

    @Test
    void theCommonOneStepInverseWouldFailTheBound() {
        // w = 2g - gcj(g): what many libraries ship. Shows that the bound above has teeth.
        double worst = 0;
        for (LonLat gcj : GRID) {
            double[] there = Gcj02.forward(gcj.lon(), gcj.lat());
            LonLat oneStep = new LonLat(2 * gcj.lon() - there[0], 2 * gcj.lat() - there[1]);
            worst = Math.max(worst, Haversine.metres(gcj, DatumConverter.fromWgs84(Datum.GCJ02, oneStep)));
        }
        assertThat(worst).isGreaterThan(BOUND_M);
    }

    @Test
    void wgs84ToGcj02ToWgs84ReturnsTheInput() {
        double worst = 0;
        for (LonLat wgs : GRID) {
            LonLat back = DatumConverter.toWgs84(Datum.GCJ02, DatumConverter.fromWgs84(Datum.GCJ02, wgs));
            worst = Math.max(worst, Haversine.metres(wgs, back));
        }
        assertThat(worst).isLessThan(BOUND_M).isLessThan(ACHIEVED_M);
    }

    @Test
    void bd09RoundTripsReturnTheInput() {
        double worstFromWgs = 0;
        double worstFromBd = 0;
        for (LonLat p : GRID) {
            LonLat viaBd = DatumConverter.toWgs84(Datum.BD09, DatumConverter.fromWgs84(Datum.BD09, p));
            worstFromWgs = Math.max(worstFromWgs, Haversine.metres(p, viaBd));
            LonLat viaWgs = DatumConverter.fromWgs84(Datum.BD09, DatumConverter.toWgs84(Datum.BD09, p));
            worstFromBd = Math.max(worstFromBd, Haversine.metres(p, viaWgs));
        }
        assertThat(worstFromWgs).isLessThan(BOUND_M).isLessThan(ACHIEVED_M);
        assertThat(worstFromBd).isLessThan(BOUND_M).isLessThan(ACHIEVED_M);
    }

    @Test
    void theOffsetItselfStaysWithinItsKnownRange() {
        double least = Double.MAX_VALUE;
        double most = 0;
        for (LonLat wgs : GRID) {
            double shift = Haversine.metres(wgs, DatumConverter.fromWgs84(Datum.GCJ02, wgs));
            least = Math.min(least, shift);
            most = Math.max(most, shift);
        }
        assertThat(least).isGreaterThan(0);
        assertThat(most).isLessThan(1_000);
    }

    /**
     * Whether the point and its neighbours 0.02° (about 2 km, more than the largest GCJ-02 + BD-09 offset) away are
     * all mainland, so that both directions of a round trip agree that a shift applies.
     */
    private static boolean mainlandAllAround(double lon, double lat) {
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (!MainlandChina.contains(lon + dx * 0.02, lat + dy * 0.02)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void addGrid(double minLon, double maxLon, double minLat, double maxLat, double step) {
        for (int i = 0; minLon + i * step <= maxLon; i++) {
            for (int j = 0; minLat + j * step <= maxLat; j++) {
                double lon = minLon + i * step;
                double lat = minLat + j * step;
                // Keep points whose GCJ-02 and BD-09 images are mainland too, so both directions agree on shifting.
                if (mainlandAllAround(lon, lat)) {
                    GRID.add(new LonLat(lon, lat));
                }
            }
        }
    }
}
