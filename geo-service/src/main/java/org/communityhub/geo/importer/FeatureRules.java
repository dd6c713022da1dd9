package org.communityhub.geo.importer;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.communityhub.contract.DeviceType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The rules of the import format (CONTRACT §3) that one feature can be checked against on its own:
 * layer, required properties, code and category format, device type, floors, geometry type and
 * coordinate range. Rules that need other features or the database (duplicates, parents,
 * containment, geometry validity) are applied by {@link GeoImportService} and the store.
 *
 * <p>Cost: linear in the number of vertices. Stateless and thread-safe.
 */
public final class FeatureRules {

    /** Codes of all layers. */
    public static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    /** Facility categories. */
    public static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]{1,64}");
    /** The categories the contract names; others are accepted with a warning. */
    public static final Set<String> KNOWN_CATEGORIES = Set.of("kindergarten", "elderly_care", "clinic", "vaccination",
            "service_station", "parcel_locker", "ebike_charging", "aed", "fire_hydrant", "extinguisher", "exit",
            "guard_post");

    private static final int MAX_TEXT = 500;

    private FeatureRules() {
    }

    /**
     * Checks one decoded feature. Returns the typed feature with the file's coordinates (not yet
     * converted to WGS-84); unknown facility categories are reported to {@code warnings}.
     *
     * @throws FeatureRejectedException with the first rule the feature breaks
     */
    static ImportFeature check(RawFeature raw, Consumer<String> warnings) throws FeatureRejectedException {
        if (raw.problem() != null && raw.problem().kind() == RejectionKind.NOT_A_FEATURE) {
            throw new FeatureRejectedException(RejectionKind.NOT_A_FEATURE, raw.problem().message());
        }
        Map<String, Object> p = raw.properties();
        Object layerValue = p.get("layer");
        Layer layer = layerValue instanceof String s ? Layer.parse(s).orElse(null) : null;
        if (layer == null) {
            throw new FeatureRejectedException(RejectionKind.UNKNOWN_LAYER, layerValue == null ? "property 'layer' is missing"
                    : "layer must be one of community, compound, building, grid, facility, device");
        }
        String code = required(p, "code");
        if (!CODE.matcher(code).matches()) {
            throw new FeatureRejectedException(RejectionKind.BAD_CODE, "code must match [a-z0-9-]{1,64}");
        }
        String name = required(p, "name");
        Geometry geometry = geometry(raw, layer);
        int index = raw.index();
        switch (layer) {
            case COMMUNITY:
                return new ImportFeature.Area(index, layer, code, name, null, null, geometry);
            case COMPOUND:
            case GRID:
                return new ImportFeature.Area(index, layer, code, name, parentCode(p, "parent"), null, geometry);
            case BUILDING:
                Integer floors = integer(p, "floors");
                if (floors != null && (floors < 1 || floors > 200)) {
                    throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY, "floors must be between 1 and 200");
                }
                return new ImportFeature.Area(index, layer, code, name, parentCode(p, "parent"), floors, geometry);
            case FACILITY:
                String category = required(p, "category");
                if (!CATEGORY.matcher(category).matches()) {
                    throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY, "category must match [a-z0-9_]{1,64}");
                }
                if (!KNOWN_CATEGORIES.contains(category)) {
                    warnings.accept("facility " + code + " (feature " + index + ") has category '" + category
                            + "', which is not one of the known categories; loaded anyway");
                }
                return new ImportFeature.Facility(index, code, name, category, integer(p, "floor"),
                        optionalText(p, "opening_hours"), optionalText(p, "phone"), (Point) geometry);
            default:
                return device(raw, code, name, (Point) geometry);
        }
    }

    private static ImportFeature device(RawFeature raw, String code, String name, Point point)
            throws FeatureRejectedException {
        Map<String, Object> p = raw.properties();
        String typeText = required(p, "type");
        DeviceType type = DeviceType.fromCode(typeText).orElseThrow(() -> new FeatureRejectedException(
                RejectionKind.BAD_PROPERTY, "type must be gate, fire_button or camera"));
        String building = p.containsKey("building") ? parentCode(p, "building") : null;
        String compound = p.containsKey("compound") ? parentCode(p, "compound") : null;
        if (building == null && compound == null) {
            throw new FeatureRejectedException(RejectionKind.MISSING_PROPERTY,
                    "a device needs property 'building' or 'compound'");
        }
        return new ImportFeature.Device(raw.index(), code, name, type, building, compound, integer(p, "floor"), point);
    }

    private static Geometry geometry(RawFeature raw, Layer layer) throws FeatureRejectedException {
        if (raw.problem() != null) {
            throw new FeatureRejectedException(raw.problem().kind(), raw.problem().message());
        }
        Geometry g = raw.geometry();
        if (g == null) {
            throw new FeatureRejectedException(RejectionKind.BAD_GEOMETRY_TYPE, "geometry is missing");
        }
        boolean allowed = layer.isArea() ? g instanceof Polygon || g instanceof MultiPolygon : g instanceof Point;
        if (!allowed || g.isEmpty()) {
            String expected = layer.isArea() ? "a Polygon or MultiPolygon" : "a Point";
            throw new FeatureRejectedException(RejectionKind.BAD_GEOMETRY_TYPE,
                    "a " + layer.code() + " needs " + expected + ", got " + (g.isEmpty() ? "an empty " : "a ")
                            + g.getGeometryType());
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
                throw new FeatureRejectedException(RejectionKind.BAD_COORDINATES, "coordinate " + c.x + ", " + c.y
                        + " is not a longitude in [-180, 180] and a latitude in [-90, 90]");
            }
        }
        return g;
    }

    private static String required(Map<String, Object> p, String key) throws FeatureRejectedException {
        Object value = p.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new FeatureRejectedException(RejectionKind.MISSING_PROPERTY, "property '" + key + "' is missing");
        }
        if (!(value instanceof String s)) {
            throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY, "property '" + key + "' must be a string");
        }
        if (s.length() > MAX_TEXT) {
            throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY,
                    "property '" + key + "' is longer than " + MAX_TEXT + " characters");
        }
        return s.strip();
    }

    private static String parentCode(Map<String, Object> p, String key) throws FeatureRejectedException {
        String value = required(p, key);
        if (!CODE.matcher(value).matches()) {
            throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY, "property '" + key
                    + "' must be a code matching [a-z0-9-]{1,64}");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> p, String key) throws FeatureRejectedException {
        Object value = p.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.length() > MAX_TEXT) {
            throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY,
                    "property '" + key + "' is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static Integer integer(Map<String, Object> p, String key) throws FeatureRejectedException {
        Object value = p.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Long l && Math.abs(l) <= 10_000) {
            return l.intValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) <= 10_000) {
            return d.intValue();
        }
        if (value instanceof String s && s.strip().matches("-?[0-9]{1,5}")) {
            return Integer.valueOf(s.strip());
        }
        throw new FeatureRejectedException(RejectionKind.BAD_PROPERTY, "property '" + key + "' must be an integer");
    }
}
