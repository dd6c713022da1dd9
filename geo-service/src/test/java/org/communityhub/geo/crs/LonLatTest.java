package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LonLatTest {

    @Test
    void acceptsTheFullRangeIncludingLimits() {
        assertThat(new LonLat(-180, -90).lon()).isEqualTo(-180);
        assertThat(new LonLat(180, 90).lat()).isEqualTo(90);
        assertThat(new LonLat(114.05, 22.54)).isEqualTo(new LonLat(114.05, 22.54));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 180.0001, -180.0001, 360})
    void rejectsBadLongitudeNamingIt(double lon) {
        assertThatThrownBy(() -> new LonLat(lon, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lon must be");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 90.0001, -90.0001, 120})
    void rejectsBadLatitudeNamingIt(double lat) {
        assertThatThrownBy(() -> new LonLat(116, lat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lat must be");
    }
}
