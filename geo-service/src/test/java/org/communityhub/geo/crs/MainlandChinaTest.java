package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mainland outline: cities, coasts and the Hong Kong / Macau / Taiwan and foreign boundaries. */
class MainlandChinaTest {

    @ParameterizedTest(name = "{0} ({1}, {2}) is in mainland China")
    @CsvSource({
        "Beijing, 116.397, 39.909",
        "Shanghai Bund, 121.490, 31.240",
        "Shenzhen Futian, 114.05, 22.54",
        "Shenzhen Bay Park, 113.96, 22.51",
        "Shekou, 113.92, 22.49",
        "Shenzhen Nanshan west coast, 113.83, 22.51",
        "Yantian port, 114.27, 22.58",
        "Dapeng, 114.48, 22.59",
        "Zhuhai, 113.57, 22.27",
        "Hengqin, 113.52, 22.12",
        "Guangzhou, 113.26, 23.13",
        "Haikou Hainan, 110.35, 20.02",
        "Sanya Hainan, 109.51, 18.25",
        "Xiamen island, 118.09, 24.48",
        "Qingdao seafront, 120.38, 36.06",
        "Zhoushan, 122.20, 30.00",
        "Urumqi, 87.6, 43.8",
        "Kashgar, 75.99, 39.47",
        "Lhasa, 91.1, 29.65",
        "Harbin, 126.6, 45.75",
        "Manzhouli, 117.43, 49.59",
        "Erenhot, 111.98, 43.65",
        "Ruili, 97.85, 24.01",
        "Kunming, 102.71, 25.04",
    })
    void inside(String place, double lon, double lat) {
        assertThat(MainlandChina.contains(lon, lat)).as(place).isTrue();
    }

    @ParameterizedTest(name = "{0} ({1}, {2}) is not in mainland China")
    @CsvSource({
        "Hong Kong Central, 114.158, 22.282",
        "Kowloon, 114.17, 22.32",
        "Sheung Shui HK, 114.13, 22.50",
        "Tsim Bei Tsui HK across Deep Bay, 114.02, 22.48",
        "Hong Kong airport, 113.92, 22.31",
        "Tai O Lantau, 113.86, 22.25",
        "Kat O HK, 114.30, 22.54",
        "Tung Ping Chau HK, 114.43, 22.545",
        "Macau peninsula, 113.54, 22.19",
        "Taipa Macau, 113.56, 22.16",
        "Coloane Macau, 113.56, 22.12",
        "Taipei, 121.56, 25.04",
        "Kinmen, 118.32, 24.43",
        "Matsu Nangan, 119.94, 26.16",
        "Seoul, 126.98, 37.57",
        "Pyongyang, 125.75, 39.03",
        "Hanoi, 105.85, 21.03",
        "Ulaanbaatar, 106.92, 47.92",
        "Zamyn-Uud, 111.90, 43.72",
        "Vladivostok, 131.90, 43.12",
        "Tokyo, 139.69, 35.69",
        "Kathmandu, 85.32, 27.70",
        "Almaty, 76.90, 43.25",
        "Yangon, 96.16, 16.80",
    })
    void outside(String place, double lon, double lat) {
        assertThat(MainlandChina.contains(lon, lat)).as(place).isFalse();
    }

    @Test
    void theShenzhenRiverSeparatesShenzhenFromHongKongAlongTheWholeBorder() {
        // Pairs two kilometres apart, north (Shenzhen) and south (Hong Kong) of the river, from Deep Bay to Sha Tau Kok.
        double[] lons = {114.04, 114.07, 114.10, 114.13, 114.16, 114.19};
        double[] riverLats = {22.514, 22.516, 22.528, 22.540, 22.561, 22.560};
        for (int i = 0; i < lons.length; i++) {
            assertThat(MainlandChina.contains(lons[i], riverLats[i] + 0.018)).as("north of the river at " + lons[i]).isTrue();
            assertThat(MainlandChina.contains(lons[i], riverLats[i] - 0.018)).as("south of the river at " + lons[i]).isFalse();
        }
    }

    @Test
    void nonFiniteAndFarAwayInputIsNotContained() {
        assertThat(MainlandChina.contains(Double.NaN, 30)).isFalse();
        assertThat(MainlandChina.contains(116, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(MainlandChina.contains(0, 0)).isFalse();
        assertThat(MainlandChina.contains(-116.4, 39.9)).isFalse();
    }
}
