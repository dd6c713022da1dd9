package org.communityhub.geo.nearest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.communityhub.geo.port.NearbyFacility;
import org.junit.jupiter.api.Test;

/** The grid's answers equal a brute-force scan of every facility, for many random queries. */
class FacilityGridTest {

    private static final String[] CATEGORIES = {"aed", "clinic", "kindergarten", "vaccination"};

    private static List<NearbyFacility> randomFacilities(Random random, int n) {
        List<NearbyFacility> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A city (0.3° × 0.15°) plus a few far-away outliers; vaccination points are rare.
            boolean far = i % 500 == 0;
            double lon = far ? 100 + random.nextDouble() * 20 : 114.0 + random.nextDouble() * 0.3;
            double lat = far ? 20 + random.nextDouble() * 20 : 22.5 + random.nextDouble() * 0.15;
            String category = i % 97 == 0 ? "vaccination" : CATEGORIES[random.nextInt(3)];
            out.add(new NearbyFacility(String.format("f-%05d", i), "设施 " + i, category, lon, lat, 0, null, "c", null,
                    null));
        }
        return out;
    }

    private static List<NearbyFacility> bruteForce(List<NearbyFacility> all, double lon, double lat, String category,
                                                   int limit, Double radius) {
        return all.stream()
                .filter(f -> category == null || f.category().equals(category))
                .map(f -> new NearbyFacility(f.code(), f.name(), f.category(), f.lon(), f.lat(),
                        Geodesic.distance(lon, lat, f.lon(), f.lat()), f.floor(), f.community(), null, null))
                .filter(f -> radius == null || f.distanceMetres() <= radius)
                .sorted(Comparator.comparingDouble(NearbyFacility::distanceMetres).thenComparing(NearbyFacility::code))
                .limit(limit).toList();
    }

    @Test
    void everyAnswerIsExactlyTheBruteForceOneOrLeftToTheDatabase() {
        Random random = new Random(20261129);
        List<NearbyFacility> all = randomFacilities(random, 10_000);
        FacilityGrid grid = FacilityGrid.of(all);
        int answered = 0;
        for (int q = 0; q < 1_000; q++) {
            double lon = 113.95 + random.nextDouble() * 0.4;
            double lat = 22.45 + random.nextDouble() * 0.25;
            String category = q % 3 == 0 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
            int limit = 1 + random.nextInt(q % 10 == 0 ? 100 : 10);
            Double radius = q % 4 == 0 ? 50 + random.nextDouble() * 3000 : null;
            var got = grid.nearest(lon, lat, category, limit, radius);
            if (got.isPresent()) {
                answered++;
                assertThat(got.get()).as("query %d at %f,%f %s limit %d radius %s", q, lon, lat, category, limit, radius)
                        .isEqualTo(bruteForce(all, lon, lat, category, limit, radius));
            }
        }
        assertThat(answered).as("queries inside the city are answered from memory").isGreaterThan(950);
    }

    @Test
    void aQueryWhoseAnswerIsFarAwayIsLeftToTheDatabaseUnlessEverythingWasSeen() {
        List<NearbyFacility> two = List.of(
                new NearbyFacility("near", "n", "aed", 114.05, 22.54, 0, null, null, null, null),
                new NearbyFacility("far", "f", "clinic", 116.40, 39.90, 0, null, null, null, null));
        FacilityGrid grid = FacilityGrid.of(two);
        assertThat(grid.nearest(114.06, 22.55, "clinic", 1, null)).as("Beijing is out of reach").isEmpty();
        assertThat(grid.nearest(114.06, 22.55, "aed", 5, null)).get().asList().extracting("code").containsExactly("near");
        assertThat(grid.nearest(114.06, 22.55, "clinic", 1, 5_000.0)).as("nothing within the radius").contains(List.of());
        assertThat(grid.nearest(114.06, 22.55, "exit", 3, null)).as("an unknown category has none").contains(List.of());
    }

    @Test
    void tiesAreBrokenByCodeLikeTheSqlQuery() {
        List<NearbyFacility> same = List.of(
                new NearbyFacility("b", "b", "aed", 114.05, 22.54, 0, null, null, null, null),
                new NearbyFacility("a", "a", "aed", 114.05, 22.54, 0, null, null, null, null),
                new NearbyFacility("c", "c", "aed", 114.05, 22.54, 0, null, null, null, null));
        assertThat(FacilityGrid.of(same).nearest(114.051, 22.541, null, 2, null)).get().asList()
                .extracting("code").containsExactly("a", "b");
    }

    @Test
    void aDatabaseWithNoFacilitiesYetAnswersEmpty() {
        FacilityGrid grid = FacilityGrid.of(List.of());
        assertThat(grid.size()).isZero();
        assertThat(grid.nearest(114.06, 22.55, null, 10, null)).contains(List.of());
        assertThat(grid.nearest(114.06, 22.55, "aed", 10, 500.0)).contains(List.of());
    }
}
