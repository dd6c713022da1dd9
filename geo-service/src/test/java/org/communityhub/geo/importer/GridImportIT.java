package org.communityhub.geo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.geo.importer.GeoJsonFixture.LON_PER_M;
import static org.communityhub.geo.importer.GeoJsonFixture.rect;
import static org.communityhub.geo.importer.GeoJsonFixture.square;

import java.util.List;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grids (网格) as an import layer: inside their community (same tolerance as compounds), no overlap
 * between grids of one community beyond the tolerance (in the file or against the database), updated
 * by code; served by {@code locate} and the OGC collection {@code grids}.
 */
class GridImportIT {

    private static TestDatabase db;
    private static GeoImportService service;
    private static PostgisGeoQueries queries;

    @BeforeAll
    static void create() {
        db = TestDatabase.createGeo();
        service = GeoImports.service(db.database().dataSource());
        queries = new PostgisGeoQueries(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void gridsLoadInsideTheirCommunityWithoutOverlapAndAreLocated() throws Exception {
        double m = LON_PER_M;
        ImportReport first = service.importGeoJson(new GeoJsonFixture()
                .area("grid", "g-west", "fb", rect(114.050, 22.510, 114.055, 22.520))
                .area("grid", "g-east", "fb", rect(114.055, 22.510, 114.060, 22.520))
                // Reaches 1 m into g-west and out of the community: a digitising error within the 2 m tolerance, accepted.
                .area("grid", "g-north", "fb", rect(114.050 - m, 22.520 - m, 114.060, 22.5249))
                .area("grid", "g-overlap", "fb", rect(114.052, 22.512, 114.058, 22.518))
                .area("grid", "g-outside", "fb", rect(114.070, 22.510, 114.080, 22.520))
                .area("grid", "g-orphan", "nowhere", square(114.051, 22.511, 0.001))
                .area("community", "fb", null, rect(114.050, 22.510, 114.060, 22.525))
                .area("community", "other", null, rect(114.060, 22.510, 114.070, 22.525))
                .area("grid", "o-1", "other", rect(114.060, 22.510, 114.070, 22.525)).stream(), null);
        assertThat(first.loadedByLayer()).containsEntry(Layer.GRID, 4);
        assertThat(first.rejections()).extracting(Rejection::code, r -> r.kind())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("g-overlap", RejectionKind.OVERLAPPING),
                        org.assertj.core.groups.Tuple.tuple("g-outside", RejectionKind.OUTSIDE_PARENT),
                        org.assertj.core.groups.Tuple.tuple("g-orphan", RejectionKind.UNKNOWN_PARENT));
        assertThat(first.rejections().get(0).reason()).contains("g-east").contains("fb");
        assertThat(first.render()).contains("grid 4");

        Location west = queries.locate(114.052, 22.515);
        assertThat(west.community().code()).isEqualTo("fb");
        assertThat(west.grid().code()).isEqualTo("g-west");
        assertThat(queries.locate(114.065, 22.515).grid().code()).as("the other community's grid").isEqualTo("o-1");
        assertThat(queries.locate(114.2, 22.6).grid()).isNull();

        // Re-importing a grid by code moves it (no overlap with its own old shape); moving it onto another is refused.
        ImportReport again = service.importGeoJson(new GeoJsonFixture()
                .area("grid", "g-west", "fb", rect(114.050, 22.510, 114.054, 22.520))
                .area("grid", "g-east", "fb", rect(114.052, 22.510, 114.060, 22.520)).stream(), null);
        assertThat(again.loadedByLayer()).containsEntry(Layer.GRID, 1);
        assertThat(again.rejections()).extracting(Rejection::code).containsExactly("g-east");
        assertThat(queries.locate(114.0545, 22.515).grid()).as("g-west shrank; g-east stayed").isNull();

        var page = queries.items(GeoCollection.GRIDS, null, 10, 0);
        assertThat(page.features()).extracting(f -> f.code()).isEqualTo(List.of("g-east", "g-north", "g-west", "o-1"));
    }
}
