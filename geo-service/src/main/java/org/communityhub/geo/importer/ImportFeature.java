package org.communityhub.geo.importer;

import org.communityhub.contract.DeviceType;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** A feature that passed the file-level rules, with its geometry in WGS-84; ready to be staged. */
public sealed interface ImportFeature {

    int index();

    Layer layer();

    String code();

    String name();

    Geometry geometry();

    /**
     * A community, compound or building.
     *
     * @param parent community code of a compound, compound code of a building, null for a community
     * @param floors optional number of floors of a building (1–200), else null
     * @param geometry a Polygon or MultiPolygon (stored as MultiPolygon)
     */
    record Area(int index, Layer layer, String code, String name, String parent, Integer floors, Geometry geometry)
            implements ImportFeature {
    }

    /** A point of interest; {@code floor}, {@code openingHours}, {@code phone} are optional (null). */
    record Facility(int index, String code, String name, String category, Integer floor, String openingHours,
                    String phone, Point geometry) implements ImportFeature {
        @Override
        public Layer layer() {
            return Layer.FACILITY;
        }
    }

    /** An access gate, fire button or camera installed in a building or compound (at least one given). */
    record Device(int index, String code, String name, DeviceType type, String building, String compound,
                  Integer floor, Point geometry) implements ImportFeature {
        @Override
        public Layer layer() {
            return Layer.DEVICE;
        }
    }
}
