package org.communityhub.geo.demo;

import org.communityhub.contract.DeviceType;
import org.locationtech.jts.geom.Polygon;

/**
 * One generated feature in the local metre plane, before it is written as GeoJSON (CONTRACT §3).
 * Optional values are null. Immutable (the JTS polygons are never modified after creation).
 */
sealed interface DemoFeature {

    /** The feature's code, unique within its layer. */
    String code();

    /** A community (社区). */
    record Community(String code, String name, Polygon shape) implements DemoFeature {
    }

    /** A residential compound (小区) inside community {@code parent}. */
    record Compound(String code, String name, String parent, Polygon shape) implements DemoFeature {
    }

    /** A grid (网格), the work area of grid workers, inside community {@code parent}; grids never overlap. */
    record Grid(String code, String name, String parent, Polygon shape) implements DemoFeature {
    }

    /** A building (楼栋) inside compound {@code parent}. */
    record Building(String code, String name, String parent, int floors, Polygon shape) implements DemoFeature {
    }

    /** A facility point inside community {@code community}. */
    record Facility(String code, String name, FacilityCategory category, String community, Integer floor,
            String openingHours, String phone, LocalPoint at) implements DemoFeature {
    }

    /** A device installed at {@code building} (fire buttons) or {@code compound} (gates, cameras). */
    record Device(String code, String name, DeviceType type, String community, String compound, String building,
            Integer floor, LocalPoint at) implements DemoFeature {
    }
}
