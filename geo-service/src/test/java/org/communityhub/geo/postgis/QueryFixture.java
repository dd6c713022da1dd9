package org.communityhub.geo.postgis;

import static org.communityhub.geo.importer.GeoJsonFixture.point;
import static org.communityhub.geo.importer.GeoJsonFixture.rect;

import java.io.IOException;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.importer.GeoJsonFixture;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.testing.TestDatabase;

/**
 * A small map for query tests: communities q-m1 | q-m2 side by side (shared edge at lon 121.01),
 * compounds q-c1 (in m1) and q-c2 (in m2), buildings q-b1 | q-b2 sharing the edge lon 121.002 in c1,
 * facilities due north of (121.001, 31.0005) at known offsets, and 2,000 far-away filler facilities so
 * the planner has a reason to use indexes.
 */
public final class QueryFixture {

    /** The origin the facilities are placed around. */
    public static final double LON = 121.001;
    public static final double LAT = 31.0005;
    /** Latitude offsets (degrees) of the facilities f-aed-1, f-hyd-1, f-aed-2, f-exit-1, f-hyd-2. */
    public static final double[] NORTH = {0.0001, 0.0003, 0.0006, 0.0010, 0.0050};
    public static final String[] CODES = {"f-aed-1", "f-hyd-1", "f-aed-2", "f-exit-1", "f-hyd-2"};
    public static final String[] CATEGORIES = {"aed", "fire_hydrant", "aed", "exit", "fire_hydrant"};

    private QueryFixture() {
    }

    public static void load(TestDatabase db) throws IOException {
        GeoJsonFixture file = new GeoJsonFixture()
                .area("community", "q-m1", null, rect(121.0, 31.0, 121.01, 31.01))
                .area("community", "q-m2", null, rect(121.01, 31.0, 121.02, 31.01))
                .area("compound", "q-c1", "q-m1", rect(121.0, 31.0, 121.005, 31.005))
                .area("compound", "q-c2", "q-m2", rect(121.01, 31.0, 121.015, 31.005))
                .area("building", "q-b1", "q-c1", rect(121.001, 31.001, 121.002, 31.002))
                .area("building", "q-b2", "q-c1", rect(121.002, 31.001, 121.003, 31.002))
                .area("building", "q-b3", "q-c2", rect(121.011, 31.001, 121.012, 31.002));
        for (int i = 0; i < CODES.length; i++) {
            file.add("\"layer\":\"facility\",\"code\":\"" + CODES[i] + "\",\"name\":\"设施" + i + "\",\"category\":\""
                    + CATEGORIES[i] + "\",\"floor\":" + i, point(LON, LAT + NORTH[i]));
        }
        for (int i = 0; i < 2000; i++) {
            file.add("\"layer\":\"facility\",\"code\":\"filler-" + i + "\",\"name\":\"x\",\"category\":\"parcel_locker\"",
                    point(100 + (i % 50) * 0.01, 20 + (i / 50) * 0.01));
        }
        ImportReport report = GeoImports.service(db.database().dataSource()).importGeoJson(file.stream(), null);
        if (!report.ok()) {
            throw new IllegalStateException(report.render());
        }
    }

    /** Haversine distance on the mean-radius sphere; within 0.5 % of the ellipsoidal distance. */
    public static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }

    /** XYZ tile column and row containing a point. */
    public static int[] tileOf(double lon, double lat, int z) {
        double n = Math.pow(2, z);
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double rad = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new int[] {x, y};
    }
}
