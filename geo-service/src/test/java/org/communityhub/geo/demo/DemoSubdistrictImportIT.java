package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.importer.Layer;
import java.util.Random;
import org.communityhub.geo.locate.AreaIndex;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.communityhub.geo.postgis.PostgisAreaCatalogue;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * The generated demo subdistrict passes the real import's own checks: every grid inside its community and no
 * two grids of a community overlapping (PostGIS decides, with the import's tolerance), nothing rejected.
 */
class DemoSubdistrictImportIT {

    private static TestDatabase db;
    private static ImportReport report;
    private static PostgisGeoQueries queries;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.createGeo();
        String geojson = ParsedCollection.write(DemoSubdistrict.generate(20_261_122L, 1));
        report = GeoImports.service(db.database().dataSource())
                .importGeoJson(new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)), null);
        queries = new PostgisGeoQueries(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void everyFeatureLoadsWithoutRejectionsOrToleratedDigitisingErrors() {
        assertThat(report.rejections()).as(report.render()).isEmpty();
        assertThat(report.loadedByLayer()).containsEntry(Layer.GRID, 44).containsEntry(Layer.COMMUNITY, 12);
        assertThat(report.warnings()).as("nothing reaches outside its parent").noneMatch(w -> w.contains("tolerance"));
    }

    @Test
    void aCompoundsBuildingIsLocatedInAGridOfItsCommunity() throws Exception {
        ParsedCollection parsed = ParsedCollection.of(DemoSubdistrict.generate(20_261_122L, 1));
        ParsedCollection.Feature building = parsed.byCode("building").get("c05-q03-b01");
        var centre = building.geometry().getInteriorPoint();
        Location at = queries.locate(centre.getX(), centre.getY());
        assertThat(at.community().code()).isEqualTo("c05");
        assertThat(at.grid().code()).startsWith("c05-g");
    }

    @Test
    void theInMemoryLocateIndexAnswersWhatTheDatabaseAnswersAtRandomPointsAndOnEveryBuildingsCorners() throws Exception {
        AreaIndex index = AreaIndex.of(new PostgisAreaCatalogue(db.database().dataSource()).allAreas(10_000_000).orElseThrow());
        ParsedCollection parsed = ParsedCollection.of(DemoSubdistrict.generate(20_261_122L, 1));
        Envelope box = new Envelope();
        parsed.byCode("community").values().forEach(f -> box.expandToInclude(f.geometry().getEnvelopeInternal()));
        box.expandBy(0.002);
        Random random = new Random(11);
        int[] found = new int[4];
        for (int i = 0; i < 1500; i++) {
            double lon = box.getMinX() + random.nextDouble() * box.getWidth();
            double lat = box.getMinY() + random.nextDouble() * box.getHeight();
            Location sql = queries.locate(lon, lat);
            assertThat(index.locate(lon, lat)).as("at %s %s", lon, lat).isEqualTo(sql);
            count(found, sql);
        }
        int corners = 0;
        for (ParsedCollection.Feature building : parsed.byCode("building").values()) {
            if (corners++ >= 300) {
                break;
            }
            for (Coordinate c : building.geometry().getCoordinates()) {
                assertThat(index.locate(c.x, c.y)).as("on a corner of %s", building).isEqualTo(queries.locate(c.x, c.y));
            }
        }
        assertThat(found).as("points fell in communities, compounds, buildings and grids: the comparison is not vacuous")
                .isNotEmpty().doesNotContain(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    }

    private static void count(int[] found, Location l) {
        Named[] levels = {l.community(), l.compound(), l.building(), l.grid()};
        for (int i = 0; i < levels.length; i++) {
            found[i] += levels[i] == null ? 0 : 1;
        }
    }
}
