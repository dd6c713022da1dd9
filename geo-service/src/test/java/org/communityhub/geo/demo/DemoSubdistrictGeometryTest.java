package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.MinimumDiameter;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/** Scale-1 geometry, checked on the written WGS-84 output: containment, no overlaps, placement, sizes. */
class DemoSubdistrictGeometryTest {

    private static final long SEED = 7L;
    private static ParsedCollection parsed;

    @BeforeAll
    static void generate() {
        parsed = ParsedCollection.of(DemoSubdistrict.generate(SEED, 1));
    }

    @Test
    void everythingIsValidAndInFutian() {
        Envelope futian = new Envelope(114.02, 114.11, 22.51, 22.57);
        for (ParsedCollection.Feature f : parsed.features) {
            assertThat(f.geometry().isValid()).as(f.code()).isTrue();
            assertThat(futian.contains(f.geometry().getEnvelopeInternal())).as(f.code()).isTrue();
        }
    }

    @Test
    void polygonRingsAreCounterClockwise() {
        for (String layer : List.of("community", "compound", "building", "grid")) {
            assertThat(parsed.layer(layer)).allSatisfy(f ->
                    assertThat(Orientation.isCCW(f.geometry().getCoordinates())).as(f.code()).isTrue());
        }
    }

    @Test
    void everyCompoundLiesStrictlyInsideItsCommunity() {
        Map<String, ParsedCollection.Feature> communities = parsed.byCode("community");
        for (ParsedCollection.Feature compound : parsed.layer("compound")) {
            Geometry community = communities.get(compound.text("parent")).geometry();
            assertThat(community.contains(compound.geometry())).as(compound.code()).isTrue();
        }
    }

    @Test
    void gridsLieStrictlyInsideTheirCommunityDoNotOverlapAndHoldWholeCompounds() {
        Map<String, ParsedCollection.Feature> communities = parsed.byCode("community");
        List<ParsedCollection.Feature> grids = parsed.layer("grid");
        for (ParsedCollection.Feature grid : grids) {
            Geometry community = communities.get(grid.text("parent")).geometry();
            assertThat(community.contains(grid.geometry())).as(grid.code()).isTrue();
            for (ParsedCollection.Feature other : grids) {
                if (other != grid) {
                    assertThat(grid.geometry().relate(other.geometry(), "T********")).as(grid.code() + " / " + other.code())
                            .isFalse();
                }
            }
        }
        for (ParsedCollection.Feature compound : parsed.layer("compound")) {
            long holding = grids.stream().filter(g -> g.geometry().contains(compound.geometry())).count();
            assertThat(holding).as(compound.code() + " lies in exactly one grid").isEqualTo(1);
        }
        Map<String, Long> perCommunity = grids.stream().collect(java.util.stream.Collectors.groupingBy(
                g -> g.text("parent"), java.util.stream.Collectors.counting()));
        assertThat(perCommunity).hasSize(communities.size());
        assertThat(perCommunity.values()).allSatisfy(n -> assertThat(n).isBetween(3L, 4L));
    }

    @Test
    void everyBuildingLiesStrictlyInsideItsCompoundWithAMargin() {
        Map<String, ParsedCollection.Feature> compounds = parsed.byCode("compound");
        for (ParsedCollection.Feature building : parsed.layer("building")) {
            Geometry compound = compounds.get(building.text("parent")).geometry();
            assertThat(compound.contains(building.geometry())).as(building.code()).isTrue();
            double metres = compound.getBoundary().distance(building.geometry()) * 100_000;
            assertThat(metres).as(building.code()).isGreaterThan(3);
        }
    }

    @Test
    void noTwoBuildingsOrCompoundsOrCommunitiesOverlap() {
        for (String layer : List.of("community", "compound", "building")) {
            List<ParsedCollection.Feature> features = parsed.layer(layer);
            STRtree index = new STRtree();
            features.forEach(f -> index.insert(f.geometry().getEnvelopeInternal(), f));
            for (ParsedCollection.Feature f : features) {
                for (Object near : index.query(f.geometry().getEnvelopeInternal())) {
                    ParsedCollection.Feature other = (ParsedCollection.Feature) near;
                    if (other != f) {
                        assertThat(f.geometry().intersects(other.geometry())).as(f.code() + " / " + other.code()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void buildingSidesAreFifteenToSixtyMetres() {
        LocalFrame frame = LocalFrame.futian();
        for (ParsedCollection.Feature building : parsed.layer("building")) {
            Coordinate[] ring = building.geometry().getCoordinates();
            Coordinate[] metres = new Coordinate[ring.length];
            for (int i = 0; i < ring.length; i++) {
                metres[i] = new Coordinate((ring[i].x - frame.originLon()) * frame.metresPerDegreeLon(),
                        (ring[i].y - frame.originLat()) * frame.metresPerDegreeLat());
            }
            Coordinate[] box = MinimumDiameter.getMinimumRectangle(
                    building.geometry().getFactory().createPolygon(metres)).getCoordinates();
            double a = box[0].distance(box[1]);
            double b = box[1].distance(box[2]);
            assertThat(Math.min(a, b)).as(building.code()).isGreaterThanOrEqualTo(14.99);
            assertThat(Math.max(a, b)).as(building.code()).isLessThanOrEqualTo(60.01);
        }
        boolean lShapes = parsed.layer("building").stream().anyMatch(b -> b.geometry().getNumPoints() == 7);
        assertThat(lShapes).as("some L-shaped buildings").isTrue();
    }

    @Test
    void fireButtonsAreInsideTheirBuildingAndGatesAndCamerasInsideTheirCompound() {
        Map<String, ParsedCollection.Feature> buildings = parsed.byCode("building");
        Map<String, ParsedCollection.Feature> compounds = parsed.byCode("compound");
        for (ParsedCollection.Feature device : parsed.layer("device")) {
            if ("fire_button".equals(device.text("type"))) {
                assertThat(buildings.get(device.text("building")).geometry().contains(device.geometry()))
                        .as(device.code()).isTrue();
            } else {
                Geometry compound = compounds.get(device.text("compound")).geometry();
                assertThat(compound.contains(device.geometry())).as(device.code()).isTrue();
                double metresFromWall = compound.getBoundary().distance(device.geometry()) * 100_000;
                assertThat(metresFromWall).as(device.code() + " is at the wall").isLessThan(3);
            }
        }
    }

    @Test
    void everyFacilityLiesInsideItsCommunity() {
        Map<String, ParsedCollection.Feature> communities = parsed.byCode("community");
        for (ParsedCollection.Feature facility : parsed.layer("facility")) {
            assertThat(communities.get(facility.text("community")).geometry().contains(facility.geometry()))
                    .as(facility.code()).isTrue();
        }
    }

    @Test
    void exitsAndExtinguishersAreInsideABuildingAndHydrantsAreNot() {
        STRtree index = new STRtree();
        parsed.layer("building").forEach(b -> index.insert(b.geometry().getEnvelopeInternal(), b.geometry()));
        for (ParsedCollection.Feature facility : parsed.layer("facility")) {
            boolean inBuilding = index.query(facility.geometry().getEnvelopeInternal()).stream()
                    .anyMatch(g -> ((Geometry) g).contains(facility.geometry()));
            String category = facility.text("category");
            if (category.equals("exit") || category.equals("extinguisher")) {
                assertThat(inBuilding).as(facility.code()).isTrue();
            } else {
                assertThat(inBuilding).as(facility.code()).isFalse();
            }
        }
    }
}
