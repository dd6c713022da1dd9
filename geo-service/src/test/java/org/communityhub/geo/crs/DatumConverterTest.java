package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversions against published reference pairs. Sources: googollee/eviltransform test suite (WGS-84 → GCJ-02;
 * it uses a = 6378137 in place of Krasovsky's 6378245, a centimetre-level difference), wandergis/coordtransform
 * README example and hujiulong/gcoord unit tests (both with x_pi = 3000·π/180).
 */
class DatumConverterTest {

    @ParameterizedTest(name = "eviltransform {0}")
    @CsvSource({
        "Shanghai, 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597",
        "Shenzhen, 113.912316, 22.543847, 113.9171764808363, 22.540796131694766",
        "Beijing, 116.377817, 39.911954, 116.38404722455657, 39.91334545536069",
    })
    void wgs84ToGcj02MatchesEviltransform(String place, double wgsLon, double wgsLat, double gcjLon, double gcjLat) {
        LonLat gcj = DatumConverter.fromWgs84(Datum.GCJ02, new LonLat(wgsLon, wgsLat));
        assertThat(Haversine.metres(gcj, new LonLat(gcjLon, gcjLat))).as(place).isLessThan(0.05);
        LonLat back = DatumConverter.toWgs84(Datum.GCJ02, new LonLat(gcjLon, gcjLat));
        assertThat(Haversine.metres(back, new LonLat(wgsLon, wgsLat))).as(place).isLessThan(0.05);
    }

    @Test
    void wgs84ToGcj02MatchesCoordtransformExactly() {
        LonLat gcj = DatumConverter.fromWgs84(Datum.GCJ02, new LonLat(116.404, 39.915));
        assertThat(gcj.lon()).isCloseTo(116.41024449916938, within(1e-9));
        assertThat(gcj.lat()).isCloseTo(39.91640428150164, within(1e-9));
    }

    @Test
    void gcj02ToWgs84MatchesGcoord() {
        LonLat wgs = DatumConverter.toWgs84(Datum.GCJ02, new LonLat(123, 45));
        assertThat(Haversine.metres(wgs, new LonLat(122.99395597, 44.99804071))).isLessThan(0.5);
    }

    @Test
    void bd09MatchesCoordtransformAndGcoordWithTheConventionalConstant() {
        LonLat gcj = new LonLat(116.404, 39.915);
        LonLat wgs = DatumConverter.toWgs84(Datum.GCJ02, gcj);
        LonLat bd = DatumConverter.fromWgs84(Datum.BD09, wgs);
        assertThat(Haversine.metres(bd, new LonLat(116.41036949371029, 39.92133699351021))).isLessThan(0.001);
        LonLat bdInput = new LonLat(116.404, 39.915);
        LonLat gcjFromBd = DatumConverter.fromWgs84(Datum.GCJ02, DatumConverter.toWgs84(Datum.BD09, bdInput));
        assertThat(Haversine.metres(gcjFromBd, new LonLat(116.39762729119315, 39.90865673957631))).isLessThan(0.5);

        LonLat gcoordGcj = new LonLat(123, 45);
        LonLat gcoordBd = DatumConverter.fromWgs84(Datum.BD09, DatumConverter.toWgs84(Datum.GCJ02, gcoordGcj));
        assertThat(Haversine.metres(gcoordBd, new LonLat(123.00636499, 45.00636899))).isLessThan(1.0);
    }

    @Test
    void bd09UsesThreeThousandPiOver180NotPi() {
        assertThat(Bd09.X_PI).isEqualTo(Math.PI * 3000.0 / 180.0);
        // The same GCJ-02 → BD-09 step computed with plain π lands tens of metres away from the reference pair
        // that the test above holds the converter to within a millimetre, so that test would catch the mistake.
        double[] withPlainPi = gcjToBdWithConstant(116.404, 39.915, Math.PI);
        LonLat reference = new LonLat(116.41036949371029, 39.92133699351021);
        assertThat(Haversine.metres(new LonLat(withPlainPi[0], withPlainPi[1]), reference)).isGreaterThan(10);
        double[] ours = Bd09.fromGcj02(116.404, 39.915);
        assertThat(Haversine.metres(new LonLat(ours[0], ours[1]), reference)).isLessThan(0.001);
    }

    @Test
    void bd09OffsetFromGcj02IsAboutSevenHundredMetresNorthEast() {
        LonLat wgs = new LonLat(114.05, 22.54);
        LonLat gcj = DatumConverter.fromWgs84(Datum.GCJ02, wgs);
        LonLat bd = DatumConverter.fromWgs84(Datum.BD09, wgs);
        assertThat(bd.lon()).isGreaterThan(gcj.lon());
        assertThat(bd.lat()).isGreaterThan(gcj.lat());
        assertThat(Haversine.metres(gcj, bd)).isBetween(600.0, 1000.0);
    }

    @Test
    void wgs84AndCgcs2000AreNeverShifted() {
        LonLat beijing = new LonLat(116.397, 39.909);
        for (Datum datum : new Datum[] {Datum.WGS84, Datum.CGCS2000}) {
            assertThat(DatumConverter.toWgs84(datum, beijing)).isEqualTo(beijing);
            assertThat(DatumConverter.fromWgs84(datum, beijing)).isEqualTo(beijing);
        }
    }

    /**
     * GCJ-02/BD-09 input is judged by the WGS-84 place it stands for (up to about 1.2 km west-north-west of it), so the
     * samples keep farther than that from the mainland; HongKongMacauBorderTest covers the border itself.
     */
    @ParameterizedTest(name = "{0} is not shifted")
    @CsvSource({
        "Hong Kong Central, 114.158, 22.282",
        "Kowloon, 114.17, 22.32",
        "Macau NAPE, 113.555, 22.19",
        "Taipei, 121.56, 25.04",
        "Seoul, 126.98, 37.57",
        "Hanoi, 105.85, 21.03",
        "Pyongyang, 125.75, 39.03",
        "Ulaanbaatar, 106.92, 47.92",
        "Null Island, 0, 0",
    })
    void positionsOutsideMainlandChinaAreNotShifted(String place, double lon, double lat) {
        LonLat p = new LonLat(lon, lat);
        for (Datum datum : Datum.values()) {
            assertThat(DatumConverter.toWgs84(datum, p)).as(place + " from " + datum).isEqualTo(p);
            assertThat(DatumConverter.fromWgs84(datum, p)).as(place + " to " + datum).isEqualTo(p);
        }
    }

    @Test
    void positionsInsideMainlandChinaAreShiftedByHundredsOfMetres() {
        for (LonLat p : new LonLat[] {new LonLat(114.05, 22.54), new LonLat(113.57, 22.27), new LonLat(110.35, 20.02),
                new LonLat(87.6, 43.8), new LonLat(126.6, 45.75)}) {
            double shift = Haversine.metres(p, DatumConverter.fromWgs84(Datum.GCJ02, p));
            assertThat(shift).as(p.toString()).isBetween(50.0, 1000.0);
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> DatumConverter.toWgs84(null, new LonLat(116, 40))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DatumConverter.fromWgs84(Datum.GCJ02, null)).isInstanceOf(NullPointerException.class);
    }

    private static double[] gcjToBdWithConstant(double lon, double lat, double xPi) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }
}
