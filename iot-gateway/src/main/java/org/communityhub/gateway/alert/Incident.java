package org.communityhub.gateway.alert;

import java.util.List;

/**
 * What responders need around an alert: where it is and the nearest safety facilities.
 *
 * @param building null when the device is not in a building
 * @param nearby   nearest hydrants, extinguishers, AEDs, exits and guard posts, nearest first per category
 */
public record Incident(Place community, Place compound, Place building, Integer buildingFloors, Integer floor,
                       List<Nearby> nearby) {

    /** A named place of the hierarchy. */
    public record Place(String code, String name) {
    }

    /** A facility near the incident, with its distance in metres on the WGS-84 ellipsoid. */
    public record Nearby(String code, String name, String category, double distanceM, double lon, double lat) {
    }

    /** The categories shown around an incident. */
    public static final List<String> SAFETY_CATEGORIES = List.of("fire_hydrant", "extinguisher", "aed", "exit",
            "guard_post");
}
