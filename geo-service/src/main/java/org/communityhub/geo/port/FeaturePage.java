package org.communityhub.geo.port;

import java.util.List;
import java.util.Map;

/**
 * One page of a collection.
 *
 * @param numberMatched all features matching the filter, or {@link #UNCOUNTED} when there are too many to count cheaply
 * @param features the page, ordered by code
 */
public record FeaturePage(long numberMatched, List<Feature> features) {

    /** {@link #numberMatched()} when the matches were not all counted (more than {@link GeoQueries#MAX_COUNTED} - 1). */
    public static final long UNCOUNTED = -1;

    public FeaturePage {
        features = List.copyOf(features);
    }

    /**
     * A feature of a collection.
     *
     * @param properties plain values (String, Integer, null) in a stable order
     * @param geometryGeoJson the RFC 7946 geometry object as JSON text (WGS-84, 7 decimals)
     */
    public record Feature(String code, Map<String, Object> properties, String geometryGeoJson) {
    }
}
