package org.communityhub.geo.crs;

/**
 * The GCJ-02 offset and its numerical inverse, without any mainland test (callers decide whether to apply it).
 *
 * <p>Forward: the well-known formula on the Krasovsky 1940 ellipsoid (a = 6378245 m, e² = 0.00669342162296594323).
 * Inverse: fixed-point iteration {@code w ← w + (g − gcj(w))} starting from {@code w = g}; the offset varies by
 * under 1 % of a step's length (the one-step inverse misses by at most about 5 m of a 700 m offset), so each step gains
 * about two decimal digits and convergence to 1e-9° takes a handful of steps, far below {@link #MAX_ITERATIONS}.
 * Stateless, thread-safe, O(1).
 */
final class Gcj02 {

    static final double KRASOVSKY_A = 6378245.0;
    static final double KRASOVSKY_EE = 0.00669342162296594323;
    /** Stop iterating once a step moves less than this (degrees; about 0.1 mm). */
    static final double CONVERGED_DEGREES = 1e-9;
    static final int MAX_ITERATIONS = 30;

    private Gcj02() {
    }

    /** WGS-84 to GCJ-02, unconditionally; returns {lon, lat}. */
    static double[] forward(double lon, double lat) {
        double dLat = latitudeOffset(lon - 105.0, lat - 35.0);
        double dLon = longitudeOffset(lon - 105.0, lat - 35.0);
        double radLat = Math.toRadians(lat);
        double magic = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /** GCJ-02 to WGS-84 by iteration, unconditionally; returns {lon, lat}. */
    static double[] inverse(double gcjLon, double gcjLat) {
        double lon = gcjLon;
        double lat = gcjLat;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] there = forward(lon, lat);
            double stepLon = gcjLon - there[0];
            double stepLat = gcjLat - there[1];
            lon += stepLon;
            lat += stepLat;
            if (Math.abs(stepLon) < CONVERGED_DEGREES && Math.abs(stepLat) < CONVERGED_DEGREES) {
                break;
            }
        }
        return new double[] {lon, lat};
    }

    private static double latitudeOffset(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double longitudeOffset(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
