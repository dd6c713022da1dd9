package org.communityhub.geo.port;

import java.util.List;
import java.util.Optional;

/** Every facility at once, for in-memory indexes (port; PostGIS implements it). Blocks on the database. */
public interface FacilityCatalogue {

    /** All facilities (distance 0), or empty when there are more than {@code max}. */
    Optional<List<NearbyFacility>> allFacilities(int max);
}
