package org.communityhub.geo.importer;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One element of the file's {@code features} array as decoded by a format adapter, before any rule
 * is applied.
 *
 * @param index 0-based position in the {@code features} array
 * @param properties the feature's properties as plain Java values: {@link String}, {@link Long},
 *     {@link Double}, {@link Boolean}; nested objects and arrays as their JSON text; nulls left out
 * @param geometry the decoded geometry in the file's coordinates, or null when {@code problem} is set
 * @param problem why the element or its geometry could not be decoded, or null
 */
public record RawFeature(int index, Map<String, Object> properties, Geometry geometry, Problem problem) {

    /** What the decoder found wrong with the element. */
    public record Problem(RejectionKind kind, String message) {
    }

    public RawFeature {
        properties = Map.copyOf(properties);
    }
}
