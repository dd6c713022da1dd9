package org.communityhub.geo.crs;

/** Test helper: great-circle distance on the mean-radius sphere, ample for comparing points metres apart. */
final class Haversine {

    static final double EARTH_MEAN_RADIUS_M = 6_371_008.8;

    private Haversine() {
    }

    static double metres(LonLat a, LonLat b) {
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
