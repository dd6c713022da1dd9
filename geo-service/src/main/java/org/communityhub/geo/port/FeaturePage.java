package org.communityhub.geo.port;

import java.util.List;
import java.util.Map;

/**
 * One page of a collection.
 *
 * @param numberMatched all features matching the filter
 * @param features the page, ordered by code
 */
public record FeaturePage(long numberMatched, List<Feature> features) {

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
