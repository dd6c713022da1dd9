package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HaversineTest {

    @Test
    void oneDegreeOfLatitudeIsAbout111Km() {
        assertThat(Haversine.metres(new LonLat(116, 39), new LonLat(116, 40))).isCloseTo(111_195, within(5.0));
    }

    @Test
    void beijingToShanghaiIsAbout1068Km() {
        double d = Haversine.metres(new LonLat(116.4074, 39.9042), new LonLat(121.4737, 31.2304));
        assertThat(d).isCloseTo(1_067_000, within(3_000.0));
    }

    @Test
    void samePointIsZero() {
        assertThat(Haversine.metres(new LonLat(114.05, 22.54), new LonLat(114.05, 22.54))).isZero();
    }
}
