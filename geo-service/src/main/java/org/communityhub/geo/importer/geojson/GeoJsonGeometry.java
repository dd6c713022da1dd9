package org.communityhub.geo.importer.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import org.communityhub.geo.importer.RawFeature;
import org.communityhub.geo.importer.RejectionKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Decodes an RFC 7946 geometry object into a JTS geometry (SRID 4326). Point, Polygon and
 * MultiPolygon are decoded; other types are named so the rules can reject them. Stateless, thread-safe.
 */
final class GeoJsonGeometry {

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonGeometry() {
    }

    /** The geometry, or throws {@link BadGeometry} saying what is wrong. Null JSON gives null. */
    static Geometry decode(JsonNode node) throws BadGeometry {
        if (node == null || node.isNull()) {
            return null;
        }
        String type = node.path("type").asText("");
        JsonNode coordinates = node.get("coordinates");
        switch (type) {
            case "Point":
                return FACTORY.createPoint(position(coordinates));
            case "Polygon":
                return polygon(coordinates);
            case "MultiPolygon": {
                Polygon[] parts = new Polygon[array(coordinates, "MultiPolygon").size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coordinates.get(i));
                }
                return FACTORY.createMultiPolygon(parts);
            }
            case "LineString", "MultiPoint", "MultiLineString", "GeometryCollection":
                throw new BadGeometry(RejectionKind.BAD_GEOMETRY_TYPE, "geometry type " + type + " is not allowed");
            default:
                throw new BadGeometry(RejectionKind.BAD_GEOMETRY_TYPE, "geometry has no known GeoJSON type");
        }
    }

    private static Polygon polygon(JsonNode rings) throws BadGeometry {
        JsonNode array = array(rings, "Polygon");
        if (array.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = ring(array.get(0), 0);
        LinearRing[] holes = new LinearRing[array.size() - 1];
        for (int i = 1; i < array.size(); i++) {
            holes[i - 1] = ring(array.get(i), i);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode node, int number) throws BadGeometry {
        JsonNode array = array(node, "ring");
        Coordinate[] coordinates = new Coordinate[array.size()];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = position(array.get(i));
        }
        if (coordinates.length < 4) {
            throw new BadGeometry(RejectionKind.INVALID_GEOMETRY, "ring " + number + " has fewer than 4 positions");
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new BadGeometry(RejectionKind.INVALID_GEOMETRY, "ring " + number + " is not closed");
        }
        return FACTORY.createLinearRing(coordinates);
    }

    private static Coordinate position(JsonNode node) throws BadGeometry {
        JsonNode array = array(node, "position");
        if (array.size() < 2) {
            throw new BadGeometry(RejectionKind.BAD_COORDINATES, "a position needs longitude and latitude");
        }
        JsonNode lon = array.get(0);
        JsonNode lat = array.get(1);
        if (!lon.isNumber() || !lat.isNumber()) {
            throw new BadGeometry(RejectionKind.BAD_COORDINATES, "a coordinate is not a number");
        }
        double x = lon.doubleValue();
        double y = lat.doubleValue();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new BadGeometry(RejectionKind.BAD_COORDINATES, "a coordinate is not a finite number");
        }
        return new Coordinate(x, y);
    }

    private static JsonNode array(JsonNode node, String what) throws BadGeometry {
        if (node == null || !node.isArray()) {
            throw new BadGeometry(RejectionKind.BAD_COORDINATES, "coordinates of the " + what + " are not an array");
        }
        return node;
    }

    /** A geometry that cannot be decoded. */
    static final class BadGeometry extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RawFeature.Problem problem;

        BadGeometry(RejectionKind kind, String message) {
            super(message, null, false, false);
            this.problem = new RawFeature.Problem(kind, message);
        }

        RawFeature.Problem problem() {
            return problem;
        }
    }
}
