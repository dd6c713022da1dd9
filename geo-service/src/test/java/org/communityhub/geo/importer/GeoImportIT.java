package org.communityhub.geo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.communityhub.geo.importer.GeoJsonFixture.LON_PER_M;
import static org.communityhub.geo.importer.GeoJsonFixture.point;
import static org.communityhub.geo.importer.GeoJsonFixture.rect;
import static org.communityhub.geo.importer.GeoJsonFixture.square;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports GeoJSON into real PostGIS: loading order, every rejection reason, updates, tolerance, datums. */
class GeoImportIT {

    private static final String FIRST_VERTEX =
            "SELECT ST_?(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) FROM community WHERE code = ";

    private static TestDatabase db;
    private static GeoImportService service;

    @BeforeAll
    static void create() {
        db = TestDatabase.createGeo();
        service = GeoImports.service(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static ImportReport load(GeoJsonFixture file) throws IOException {
        return service.importGeoJson(file.stream(), null);
    }

    @Test
    void loadsParentsBeforeChildrenWhateverTheFileOrderAndDerivesCommunities() throws Exception {
        GeoJsonFixture file = new GeoJsonFixture()
                .add("\"layer\":\"device\",\"code\":\"o-gate\",\"name\":\"东门\",\"type\":\"gate\",\"building\":\"o-b1\","
                        + "\"floor\":1", point(121.4015, 31.2015))
                .add("\"layer\":\"facility\",\"code\":\"o-aed\",\"name\":\"AED\",\"category\":\"aed\",\"floor\":\"2\","
                        + "\"phone\":\"021-1234\"", point(121.4050, 31.2050))
                .area("building", "o-b1", "o-c1", square(121.401, 31.201, 0.001))
                .area("compound", "o-c1", "o-m1", square(121.400, 31.200, 0.005))
                .area("community", "o-m1", null, square(121.400, 31.200, 0.01));
        ImportReport report = load(file);
        assertThat(report.rejections()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.loadedCount()).isEqualTo(5);
        assertThat(report.loadedByLayer()).containsEntry(Layer.BUILDING, 1).containsEntry(Layer.DEVICE, 1);
        assertThat(query("SELECT community_code || '/' || compound_code || '/' || building_code || '/' || floor "
                + "FROM device WHERE code = 'o-gate'")).isEqualTo("o-m1/o-c1/o-b1/1");
        assertThat(query("SELECT community_code || '/' || floor || '/' || phone FROM facility WHERE code = 'o-aed'"))
                .isEqualTo("o-m1/2/021-1234");
        assertThat(query("SELECT GeometryType(geom) || ' ' || name FROM building WHERE code = 'o-b1'"))
                .isEqualTo("MULTIPOLYGON o-b1 名");
        assertThat(report.render()).contains("Loaded 5 feature(s)").doesNotContain("Rejected");
    }

    @Test
    void rejectsEachBrokenFeatureWithItsReasonAndLoadsTheRest() throws Exception {
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[121.501,31.301],[121.502,31.302],[121.502,31.301],"
                + "[121.501,31.302],[121.501,31.301]]]}";
        GeoJsonFixture file = new GeoJsonFixture()
                .area("community", "r-m", null, square(121.500, 31.300, 0.01))                 // 0 ok
                .area("compound", "r-c", "r-m", square(121.500, 31.300, 0.005))                // 1 ok
                .area("building", "r-b", "r-c", square(121.501, 31.301, 0.001))                // 2 ok
                .area("castle", "r-x", null, square(121.501, 31.301, 0.001))                   // 3 unknown layer
                .add("\"layer\":\"building\",\"code\":\"r-noname\",\"parent\":\"r-c\"", square(121.501, 31.301, 0.001))
                .area("building", "R B", "r-c", square(121.501, 31.301, 0.001))                // 5 bad code
                .area("building", "r-b", "r-c", square(121.502, 31.302, 0.001))                // 6 duplicate
                .area("building", "r-pt", "r-c", point(121.501, 31.301))                       // 7 geometry type
                .area("building", "r-far", "r-c", square(200.0, 31.301, 0.001))                // 8 coordinates
                .area("building", "r-bow", "r-c", bowtie)                                      // 9 invalid
                .area("building", "r-orphan", "r-nowhere", square(121.501, 31.301, 0.001))     // 10 unknown parent
                .area("building", "r-out", "r-c", square(121.506, 31.301, 0.001))              // 11 outside
                .add("\"layer\":\"facility\",\"code\":\"r-f\",\"name\":\"f\",\"category\":\"Bad Cat\"",
                        point(121.501, 31.301))                                                      // 12 category
                .add("\"layer\":\"device\",\"code\":\"r-d\",\"name\":\"d\",\"type\":\"doorbell\",\"compound\":\"r-c\"",
                        point(121.501, 31.301))                                                      // 13 type
                .add("\"layer\":\"device\",\"code\":\"r-d2\",\"name\":\"d\",\"type\":\"camera\",\"building\":\"r-none\"",
                        point(121.501, 31.301))                                                      // 14 unknown building
                .raw("[1,2,3]")                                                                      // 15 not a feature
                .add("\"layer\":\"device\",\"code\":\"r-d3\",\"name\":\"d\",\"type\":\"camera\",\"compound\":\"r-c\"",
                        point(121.501, 31.301));                                                     // 16 ok
        ImportReport report = load(file);
        Map<Integer, RejectionKind> kinds = report.rejections().stream()
                .collect(Collectors.toMap(Rejection::featureIndex, Rejection::kind));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(3, RejectionKind.UNKNOWN_LAYER), Map.entry(4, RejectionKind.MISSING_PROPERTY),
                Map.entry(5, RejectionKind.BAD_CODE), Map.entry(6, RejectionKind.DUPLICATE_CODE),
                Map.entry(7, RejectionKind.BAD_GEOMETRY_TYPE), Map.entry(8, RejectionKind.BAD_COORDINATES),
                Map.entry(9, RejectionKind.INVALID_GEOMETRY), Map.entry(10, RejectionKind.UNKNOWN_PARENT),
                Map.entry(11, RejectionKind.OUTSIDE_PARENT), Map.entry(12, RejectionKind.BAD_PROPERTY),
                Map.entry(13, RejectionKind.BAD_PROPERTY), Map.entry(14, RejectionKind.UNKNOWN_PARENT),
                Map.entry(15, RejectionKind.NOT_A_FEATURE)));
        assertThat(report.loadedCount()).isEqualTo(4);
        assertThat(report.ok()).isFalse();
        assertThat(reason(report, 9)).containsIgnoringCase("self-intersection");
        assertThat(reason(report, 10)).contains("compound 'r-nowhere'");
        assertThat(reason(report, 6)).contains("feature 2");
        assertThat(report.render()).contains("feature 11 building r-out: outside_parent");
        assertThat(query("SELECT count(*) FROM building WHERE code LIKE 'r-%'")).isEqualTo("1");
        assertThat(query("SELECT ST_XMin(geom)::numeric(10,3) FROM building WHERE code = 'r-b'")).isEqualTo("121.501");
    }

    @Test
    void reimportUpdatesByCodeInPlace() throws Exception {
        load(new GeoJsonFixture().add("\"layer\":\"community\",\"code\":\"u-m\",\"name\":\"旧名\"", square(122, 31, 0.01)));
        ImportReport again = load(new GeoJsonFixture()
                .add("\"layer\":\"community\",\"code\":\"u-m\",\"name\":\"新名\"", square(122, 31, 0.02)));
        assertThat(again.loadedCount()).isEqualTo(1);
        assertThat(query("SELECT count(*) || ' ' || name || ' ' || round(ST_XMax(geom)::numeric, 2) FROM community "
                + "WHERE code = 'u-m' GROUP BY name, geom")).isEqualTo("1 新名 122.02");
    }

    @Test
    void acceptsSmallOverhangWithWarningAndRejectsLargerOne() throws Exception {
        double oneMetre = LON_PER_M;
        GeoJsonFixture file = new GeoJsonFixture()
                .area("community", "t-m", null, square(121.600, 31.200, 0.01))
                .area("compound", "t-c", "t-m", rect(121.600, 31.200, 121.605, 31.205))
                .area("building", "t-edge", "t-c", rect(121.600, 31.200, 121.601, 31.201))
                .area("building", "t-near", "t-c", rect(121.604, 31.201, 121.605 + oneMetre, 31.202))
                .area("building", "t-far", "t-c", rect(121.604, 31.203, 121.605 + 10 * oneMetre, 31.204));
        ImportReport report = load(file);
        assertThat(report.rejections()).extracting(Rejection::code).containsExactly("t-far");
        assertThat(report.rejections().get(0).reason()).contains("2.0 m tolerance");
        assertThat(report.warnings()).hasSize(1);
        assertThat(report.warnings().get(0)).contains("t-near").contains("outside compound t-c")
                .contains("up to 1.0");
        assertThat(report.render()).contains("Warnings (1)");
    }

    @Test
    void convertsDeclaredOrOverriddenDatumToWgs84() throws Exception {
        double lon = 121.47;
        double lat = 31.23;
        LonLat expectedGcj = DatumConverter.toWgs84(Datum.GCJ02, new LonLat(lon, lat));
        LonLat expectedBd = DatumConverter.toWgs84(Datum.BD09, new LonLat(lon, lat));
        String community = "\"layer\":\"community\",\"name\":\"c\",\"code\":";
        load(new GeoJsonFixture().crs("gcj02", false).add(community + "\"d-gcj\"", square(lon, lat, 0.01)));
        load(new GeoJsonFixture().crs("gcj02", true).add(community + "\"d-late\"", square(lon, lat, 0.01)));
        ImportReport overridden = service.importGeoJson(new GeoJsonFixture().crs("gcj02", false)
                .add(community + "\"d-bd\"", square(lon, lat, 0.01)).stream(), Datum.BD09);
        assertThat(overridden.warnings()).singleElement().asString().contains("override bd09");
        for (String code : new String[] {"d-gcj", "d-late"}) {
            assertThat(Double.parseDouble(query(FIRST_VERTEX.replace("ST_?", "ST_X") + "'" + code + "'")))
                    .isCloseTo(expectedGcj.lon(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(Double.parseDouble(query(FIRST_VERTEX.replace("ST_?", "ST_Y") + "'" + code + "'")))
                    .isCloseTo(expectedGcj.lat(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(Double.parseDouble(query(FIRST_VERTEX.replace("ST_?", "ST_X") + "'d-bd'")))
                .isCloseTo(expectedBd.lon(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void refusesFilesThatAreNotFeatureCollectionsAndLoadsNothing() throws SQLException {
        assertThatThrownBy(() -> service.importGeoJson(bytes("<kml/>"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> service.importGeoJson(bytes("[1, 2]"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("not a GeoJSON FeatureCollection");
        assertThatThrownBy(() -> service.importGeoJson(bytes("{\"type\":\"Feature\",\"features\":[]}"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("'Feature'");
        String truncated = new GeoJsonFixture().area("community", "n-m", null, square(123, 31, 0.01)).json();
        assertThatThrownBy(() -> service.importGeoJson(bytes(truncated.substring(0, truncated.length() - 3)), null))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> service.importGeoJson(bytes("{\"type\":\"FeatureCollection\",\"crs\":\"utm\","
                + "\"features\":[]}"), null)).isInstanceOf(IOException.class).hasMessageContaining("unknown \"crs\"");
        assertThat(query("SELECT count(*) FROM community WHERE code = 'n-m'")).isEqualTo("0");
    }

    @Test
    void aDatabaseRefusalLosesOnlyThatFeature() throws Exception {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE facility ADD CONSTRAINT it_no_forbidden CHECK (name <> 'forbidden')");
        }
        try {
            GeoJsonFixture file = new GeoJsonFixture();
            for (String name : new String[] {"ok one", "forbidden", "ok two"}) {
                file.add("\"layer\":\"facility\",\"code\":\"x-" + name.replace(' ', '-') + "\",\"name\":\"" + name
                        + "\",\"category\":\"parcel_locker\"", point(100, 20));
            }
            ImportReport report = load(file);
            assertThat(report.loadedCount()).isEqualTo(2);
            assertThat(report.rejections()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(RejectionKind.DATABASE_ERROR);
                assertThat(r.reason()).contains("it_no_forbidden");
            });
        } finally {
            try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE facility DROP CONSTRAINT it_no_forbidden");
            }
        }
    }

    private static String reason(ImportReport report, int index) {
        return report.rejections().stream().filter(r -> r.featureIndex() == index).findFirst().orElseThrow().reason();
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static String query(String sql) throws SQLException {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
