package org.communityhub.geo.port;

/**
 * A facility with its distance from a query point.
 *
 * @param distanceMetres geodesic distance on the WGS-84 ellipsoid
 * @param floor null when not recorded
 * @param community code of the community containing it, or null
 */
public record NearbyFacility(String code, String name, String category, double lon, double lat, double distanceMetres,
                             Integer floor, String community, String openingHours, String phone) {
}
