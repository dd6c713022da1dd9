package org.communityhub.geo.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.communityhub.geo.postgis.QueryFixture.LAT;
import static org.communityhub.geo.postgis.QueryFixture.LON;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.Hierarchy;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.communityhub.geo.port.NearbyFacility;
import org.communityhub.geo.port.TileLayer;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hierarchy, locate, nearest (and its index use), OGC pages and vector tiles on real PostGIS. */
class PostgisGeoQueriesIT {

    private static TestDatabase db;
    private static PostgisGeoQueries queries;

    @BeforeAll
    static void create() throws Exception {
        db = TestDatabase.createGeo();
        QueryFixture.load(db);
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        queries = new PostgisGeoQueries(db.database().dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void hierarchyNestsCommunitiesCompoundsBuildingsByCode() {
        Hierarchy h = queries.hierarchy();
        assertThat(h.communities()).extracting(Hierarchy.Community::code).containsExactly("q-m1", "q-m2");
        Hierarchy.Community m1 = h.communities().get(0);
        assertThat(m1.compounds()).extracting(Hierarchy.Compound::code).containsExactly("q-c1");
        assertThat(m1.compounds().get(0).buildings()).containsExactly(new Named("q-b1", "q-b1 名"), new Named("q-b2", "q-b2 名"));
        assertThat(h.communities().get(1).compounds().get(0).buildings()).extracting(Named::code).containsExactly("q-b3");
    }

    @Test
    void locateResolvesAllLevelsAndSharedEdgesConsistently() {
        assertThat(queries.locate(121.0015, 31.0015)).isEqualTo(new Location(new Named("q-m1", "q-m1 名"),
                new Named("q-c1", "q-c1 名"), new Named("q-b1", "q-b1 名"), null));
        assertThat(queries.locate(121.002, 31.0015).building().code()).isEqualTo("q-b1");
        Location onCommunityEdge = queries.locate(121.01, 31.008);
        assertThat(onCommunityEdge.community().code()).isEqualTo("q-m1");
        assertThat(onCommunityEdge.compound()).isNull();
        Location compoundEdge = queries.locate(121.01, 31.003);
        assertThat(compoundEdge.compound().code()).isEqualTo("q-c2");
        assertThat(compoundEdge.community().code()).as("the compound's community, not the first by code")
                .isEqualTo("q-m2");
        assertThat(queries.locate(0, 0)).isEqualTo(new Location(null, null, null, null));
    }

    @Test
    void nearestOrdersByEllipsoidalMetresAndHonoursCategoryRadiusLimit() {
        List<NearbyFacility> all = queries.nearest(LON, LAT, null, 5, null);
        assertThat(all).extracting(NearbyFacility::code).containsExactly(QueryFixture.CODES);
        for (int i = 0; i < all.size(); i++) {
            double expected = QueryFixture.haversine(LON, LAT, LON, LAT + QueryFixture.NORTH[i]);
            assertThat(all.get(i).distanceMetres()).isCloseTo(expected, within(expected * 0.005));
        }
        assertThat(all.get(0).floor()).isZero();
        assertThat(all.get(0).community()).isEqualTo("q-m1");
        assertThat(queries.nearest(LON, LAT, "aed", 10, null)).extracting(NearbyFacility::code)
                .containsExactly("f-aed-1", "f-aed-2");
        assertThat(queries.nearest(LON, LAT, null, 10, 80.0)).extracting(NearbyFacility::code)
                .containsExactly("f-aed-1", "f-hyd-1", "f-aed-2");
        assertThat(queries.nearest(LON, LAT, null, 2, null)).hasSize(2);
        assertThat(queries.nearest(LON, LAT, "kindergarten", 10, null)).isEmpty();
    }

    @Test
    void nearestOfEachGivesAFewOfEveryCategoryNearestFirst() {
        List<NearbyFacility> context = queries.nearestOfEach(LON, LAT, Set.of("aed", "fire_hydrant", "exit", "guard_post"),
                1, 500);
        assertThat(context).extracting(NearbyFacility::code).containsExactly("f-aed-1", "f-hyd-1", "f-exit-1");
    }

    @Test
    void nearestQueryIsAnIndexKnnScanNotASeqScanOfFacility() throws Exception {
        String plan = explain(GeoSql.nearest(false, false), LON, LAT, 30, 10);
        assertThat(plan).contains("Index Scan using facility_geog_gist").doesNotContain("Seq Scan on facility");
        String common = explain(GeoSql.nearest(true, false), LON, LAT, "parcel_locker", 30, 10);
        assertThat(common).contains("Index Scan using facility_geog_gist").doesNotContain("Seq Scan on facility");
        String rare = explain(GeoSql.nearest(true, false), LON, LAT, "aed", 30, 10);
        assertThat(rare).doesNotContain("Seq Scan on facility");
        String radiusPlan = explain(GeoSql.nearest(false, true), LON, LAT, 500.0, 30, 10);
        assertThat(radiusPlan).contains("facility_geog_gist").doesNotContain("Seq Scan on facility");
    }

    private static String explain(String sql, Object... parameters) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    @Test
    void itemsPageByCodeWithBboxAndCounts() {
        FeaturePage first = queries.items(GeoCollection.BUILDINGS, null, 2, 0);
        assertThat(first.numberMatched()).isEqualTo(3);
        assertThat(first.features()).extracting(FeaturePage.Feature::code).containsExactly("q-b1", "q-b2");
        assertThat(queries.items(GeoCollection.BUILDINGS, null, 2, 2).features()).extracting(FeaturePage.Feature::code)
                .containsExactly("q-b3");
        FeaturePage boxed = queries.items(GeoCollection.BUILDINGS, new BoundingBox(121.0105, 31.0, 121.02, 31.01), 10, 0);
        assertThat(boxed.numberMatched()).isEqualTo(1);
        assertThat(boxed.features().get(0).properties()).containsEntry("compound", "q-c2").containsKey("floors");
        assertThat(boxed.features().get(0).geometryGeoJson()).startsWith("{\"type\":\"MultiPolygon\"");
        assertThat(queries.item(GeoCollection.FACILITIES, "f-aed-1")).hasValueSatisfying(f -> assertThat(f.properties())
                .containsEntry("category", "aed").containsEntry("community", "q-m1"));
        assertThat(queries.item(GeoCollection.COMMUNITIES, "nope")).isEmpty();
    }

    @Test
    void tilesCarryFeaturesWhereTheyAreAndAreEmptyElsewhere() {
        int[] xy = QueryFixture.tileOf(121.0015, 31.0015, 16);
        byte[] tile = queries.tile(TileLayer.BUILDINGS, 16, xy[0], xy[1]);
        assertThat(tile).isNotEmpty();
        assertThat(new String(tile, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("buildings").contains("q-b1");
        assertThat(queries.tile(TileLayer.FACILITIES, 16, xy[0], xy[1])).isNotEmpty();
        assertThat(queries.tile(TileLayer.BUILDINGS, 16, 0, 0)).isEmpty();
    }
}
