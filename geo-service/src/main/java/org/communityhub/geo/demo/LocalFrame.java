package org.communityhub.geo.demo;

/**
 * Local equirectangular projection: metres in the generator's plane to WGS-84 degrees, with the
 * metres per degree taken at one reference latitude. The mapping is affine, so containment and
 * non-overlap computed in metres hold unchanged in degrees. Immutable and thread-safe.
 *
 * @param originLon longitude of local (0, 0)
 * @param originLat latitude of local (0, 0)
 * @param metresPerDegreeLon metres per degree of longitude at the reference latitude
 * @param metresPerDegreeLat metres per degree of latitude at the reference latitude
 */
record LocalFrame(double originLon, double originLat, double metresPerDegreeLon, double metresPerDegreeLat) {

    /** South-west corner of the scale-1 subdistrict, in Futian, Shenzhen. */
    static LocalFrame futian() {
        return at(114.03, 22.52, 22.54);
    }

    static LocalFrame at(double originLon, double originLat, double referenceLat) {
        double phi = Math.toRadians(referenceLat);
        double perLat = 111_132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
        double perLon = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
        return new LocalFrame(originLon, originLat, perLon, perLat);
    }

    double lon(double x) {
        return originLon + x / metresPerDegreeLon;
    }

    double lat(double y) {
        return originLat + y / metresPerDegreeLat;
    }
}
