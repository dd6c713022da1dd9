package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.importer.Layer;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
