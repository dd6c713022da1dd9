package org.communityhub.geo.crs;

/**
 * The BD-09 offset of GCJ-02 and its inverse, without any mainland test.
 *
 * <p>Uses the conventional constant {@code x_pi = 3000·π/180} (as Baidu's own SDK behaves); some libraries use plain
 * π instead, which shifts results by tens of metres. The usual 0.0065/0.006 offsets and 0.00002/0.000003 terms apply.
 * The inverse starts from the conventional closed-form approximation and refines it by fixed-point iteration so that
 * BD-09 → GCJ-02 → BD-09 returns the input to well under a millimetre. Stateless, thread-safe, O(1).
 */
final class Bd09 {

    /** The conventional Baidu constant 3000·π/180. */
    static final double X_PI = Math.PI * 3000.0 / 180.0;

    private Bd09() {
    }

    /** GCJ-02 to BD-09; returns {lon, lat}. */
    static double[] fromGcj02(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    /** BD-09 to GCJ-02 (closed form refined by iteration); returns {lon, lat}. */
    static double[] toGcj02(double bdLon, double bdLat) {
        double x = bdLon - 0.0065;
        double y = bdLat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double lon = z * Math.cos(theta);
        double lat = z * Math.sin(theta);
        for (int i = 0; i < Gcj02.MAX_ITERATIONS; i++) {
            double[] there = fromGcj02(lon, lat);
            double stepLon = bdLon - there[0];
            double stepLat = bdLat - there[1];
            lon += stepLon;
            lat += stepLat;
            if (Math.abs(stepLon) < Gcj02.CONVERGED_DEGREES && Math.abs(stepLat) < Gcj02.CONVERGED_DEGREES) {
                break;
            }
        }
        return new double[] {lon, lat};
    }
}
