package org.communityhub.geo.nearest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeodesicTest {

    private static double dms(int d, int m, double s) {
        return Math.signum(d) * (Math.abs(d) + m / 60.0 + s / 3600.0);
    }

    @Test
    void vincentysOwnExampleFlindersPeakToBuninyongIs54972m271() {
        // Vincenty (1975) / Geoscience Australia's worked example on the GRS80/WGS-84 ellipsoid.
        double d = Geodesic.distance(dms(144, 25, 29.52440), dms(-37, 57, 3.72030),
                dms(143, 55, 35.38390), dms(-37, 39, 10.15610));
        assertThat(d).isCloseTo(54_972.271, within(0.001));
    }

    @Test
    void oneDegreeOfLatitudeAndOfLongitudeAtTheEquatorMatchTheEllipsoid() {
        // Meridian arc 0°→1° and equatorial arc of 1° on WGS-84.
        assertThat(Geodesic.distance(0, 0, 0, 1)).isCloseTo(110_574.389, within(0.01));
        assertThat(Geodesic.distance(0, 0, 1, 0)).isCloseTo(111_319.491, within(0.01));
    }

    @Test
    void isSymmetricZeroOnTheSamePointAndCloseToTheSphereForShortHops() {
        double a = Geodesic.distance(114.0579, 22.5431, 114.0621, 22.5468);
        assertThat(Geodesic.distance(114.0621, 22.5468, 114.0579, 22.5431)).isCloseTo(a, within(1e-9));
        assertThat(Geodesic.distance(114.0579, 22.5431, 114.0579, 22.5431)).isZero();
        assertThat(a).isCloseTo(Geodesic.spherical(114.0579, 22.5431, 114.0621, 22.5468), within(a * 0.005));
    }

    @Test
    void nearlyAntipodalPointsStillGetADistance() {
        double d = Geodesic.distance(0, 0, 179.7, 0.3);
        assertThat(d).isBetween(19_900_000.0, 20_040_000.0);
    }
}
