package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communityhub.geo.importer.GeoJsonFixture.rect;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.importer.GeoJsonFixture;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code locate} with GCJ-02 / BD-09 input at buildings a few hundred metres from the Hong Kong and Macau land borders
 * (issue 13's points: Fubao in Futian, Gongbei in Zhuhai), over real HTTP and PostGIS. Each building is a 60 m square
 * around the point; the offsets there are about 550 m (GCJ-02) and 1.2 km (BD-09), so an unconverted input misses it.
 */
class BorderLocateIT {

    private static GeoApiServer server;
    private static final double HALF = 0.0003;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase db = TestDatabase.createGeo();
        GeoJsonFixture file = new GeoJsonFixture()
                .area("community", "fubao", null, rect(114.040, 22.508, 114.062, 22.530))
                .area("compound", "fubao-c", "fubao", rect(114.046, 22.509, 114.055, 22.516))
                .area("building", "fubao-b", "fubao-c", around(114.0500, 22.5120))
                .area("community", "gongbei", null, rect(113.530, 22.2145, 113.555, 22.230))
                .area("compound", "gongbei-c", "gongbei", rect(113.537, 22.2145, 113.545, 22.220))
                .area("building", "gongbei-b", "gongbei-c", around(113.5400, 22.2150));
        ImportReport report = GeoImports.service(db.database().dataSource()).importGeoJson(file.stream(), null);
        assertThat(report.ok()).as(report.render()).isTrue();
        server = GeoApiServer.start(db);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String around(double lon, double lat) {
        return rect(lon - HALF, lat - HALF, lon + HALF, lat + HALF);
    }

    private static JsonObject locate(LonLat p, String crs) throws Exception {
        String query = String.format(Locale.ROOT, "/api/v1/locate?lon=%.8f&lat=%.8f&crs=%s", p.lon(), p.lat(), crs);
        return server.json(query);
    }

    /**
     * The GCJ-02 and BD-09 coordinates are what Amap and Baidu publish for the WGS-84 point (the standard formulas,
     * applied unconditionally, to 6 decimals), fixed here so that the test does not depend on the converter it checks.
     */
    @ParameterizedTest(name = "{0}: locate finds it from WGS-84, GCJ-02 and BD-09 coordinates")
    @CsvSource({
        "fubao-b,   114.0500, 22.5120, 114.055101, 22.509266, 114.061658, 22.514933",
        "gongbei-b, 113.5400, 22.2150, 113.545115, 22.212064, 113.551610, 22.218153",
    })
    void locateFindsTheBuildingWhateverTheDatum(String building, double lon, double lat, double gcjLon, double gcjLat,
            double bdLon, double bdLat) throws Exception {
        LonLat wgs = new LonLat(lon, lat);
        assertThat(building(locate(wgs, "wgs84"))).isEqualTo(building);
        LonLat gcj = new LonLat(gcjLon, gcjLat);
        assertThat(building(locate(gcj, "gcj02"))).as("GCJ-02 " + gcj).isEqualTo(building);
        LonLat bd = new LonLat(bdLon, bdLat);
        assertThat(building(locate(bd, "bd09"))).as("BD-09 " + bd).isEqualTo(building);
        // the same numbers taken as WGS-84 are hundreds of metres off: the conversion is what finds the building
        assertThat(building(locate(gcj, "wgs84"))).isNotEqualTo(building);
        assertThat(DatumConverter.fromWgs84(Datum.GCJ02, wgs).lon()).isCloseTo(gcjLon, within(2e-6));
    }

    private static String building(JsonObject located) {
        JsonObject building = located.getJsonObject("building");
        return building == null ? null : building.getString("code");
    }
}
