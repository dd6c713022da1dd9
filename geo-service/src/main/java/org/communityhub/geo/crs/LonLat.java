package org.communityhub.geo.crs;

/**
 * A geographic position: longitude and latitude in decimal degrees, in whatever {@link Datum} the context says.
 *
 * <p>Immutable and thread-safe; construction costs two range checks.
 *
 * @param lon longitude in degrees, finite, in [-180, 180]
 * @param lat latitude in degrees, finite, in [-90, 90]
 */
public record LonLat(double lon, double lat) {

    /**
     * Validates the coordinates.
     *
     * @throws IllegalArgumentException if a coordinate is NaN, infinite or out of range (the message names it)
     */
    public LonLat {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("lon must be a finite number in [-180, 180], got " + lon);
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("lat must be a finite number in [-90, 90], got " + lat);
        }
    }
}
