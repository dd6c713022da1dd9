package org.communityhub.geo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.geo.importer.GeoJsonFixture.point;
import static org.communityhub.geo.importer.GeoJsonFixture.square;

import java.time.Duration;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.Measured;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A demo-sized file (3,000 buildings, 3,000 devices, 1,000 facilities) imports within seconds, twice. */
class ImportVolumeIT {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.createGeo();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void importsDemoSizedFileQuicklyAndReimportsItAsUpdates() throws Exception {
        GeoJsonFixture file = demoSizedFile();
        GeoImportService service = GeoImports.service(db.database().dataSource());
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            ImportReport report = service.importGeoJson(file.stream(), null);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(report.rejections()).isEmpty();
            assertThat(report.loadedCount()).isEqualTo(1 + 30 + 3000 + 1000 + 3000);
            Measured.atMost("demo-sized import round " + round, took.toMillis(), 30_000, "ms");
        }
    }

    /** One community, 30 compounds in a 6×5 grid, 100 buildings each, a device per building, 1,000 facilities. */
    private static GeoJsonFixture demoSizedFile() {
        GeoJsonFixture file = new GeoJsonFixture();
        double lon0 = 120.0;
        double lat0 = 30.0;
        file.area("community", "v-m", null, square(lon0, lat0, 0.06));
        for (int c = 0; c < 30; c++) {
            double cx = lon0 + (c % 6) * 0.01;
            double cy = lat0 + (c / 6) * 0.01;
            String compound = "v-c" + c;
            file.area("compound", compound, "v-m", square(cx, cy, 0.01));
            for (int b = 0; b < 100; b++) {
                double bx = cx + 0.0005 + (b % 10) * 0.0009;
                double by = cy + 0.0005 + (b / 10) * 0.0009;
                String building = compound + "-b" + b;
                file.area("building", building, compound, square(bx, by, 0.0006));
                file.add("\"layer\":\"device\",\"code\":\"" + building + "-g\",\"name\":\"门\",\"type\":\"gate\","
                        + "\"building\":\"" + building + "\"", point(bx + 0.0003, by));
            }
        }
        String[] categories = {"aed", "fire_hydrant", "extinguisher", "exit", "guard_post"};
        for (int f = 0; f < 1000; f++) {
            file.add("\"layer\":\"facility\",\"code\":\"v-f" + f + "\",\"name\":\"设施\",\"category\":\""
                    + categories[f % categories.length] + "\"", point(lon0 + (f % 40) * 0.0015, lat0 + (f / 40) * 0.0024));
        }
        return file;
    }
}
