package org.communityhub.geo.port;

import java.util.List;
import java.util.Optional;

/** Every community, compound, building and grid polygon at once, for in-memory indexes (port; PostGIS implements it). */
public interface AreaCatalogue {

    /**
     * All areas, or empty when together they have more than {@code maxVertices} vertices (the index
     * would not fit the heap it is meant to save). Blocks on the database: two statements.
     */
    Optional<List<Area>> allAreas(long maxVertices);
}
