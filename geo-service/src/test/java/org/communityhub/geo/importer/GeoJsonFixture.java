package org.communityhub.geo.importer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds small GeoJSON FeatureCollections for tests; square polygons are given by corner and size in degrees. */
public final class GeoJsonFixture {

    /** Degrees of longitude per metre near latitude 31° (Shanghai). */
    public static final double LON_PER_M = 1.0 / (111_320.0 * Math.cos(Math.toRadians(31.2)));

    private final List<String> features = new ArrayList<>();
    private String crs;
    private boolean crsLast;

    public GeoJsonFixture crs(String code, boolean afterFeatures) {
        this.crs = code;
        this.crsLast = afterFeatures;
        return this;
    }

    /** Adds a feature with the given properties (JSON object members, e.g. "\"layer\":\"community\"") and geometry. */
    public GeoJsonFixture add(String properties, String geometry) {
        features.add("{\"type\":\"Feature\",\"properties\":{" + properties + "},\"geometry\":" + geometry + "}");
        return this;
    }

    public GeoJsonFixture area(String layer, String code, String parent, String geometry) {
        String parentMember = parent == null ? "" : ",\"parent\":\"" + parent + "\"";
        return add("\"layer\":\"" + layer + "\",\"code\":\"" + code + "\",\"name\":\"" + code + " 名\"" + parentMember,
                geometry);
    }

    public GeoJsonFixture raw(String featureJson) {
        features.add(featureJson);
        return this;
    }

    public String json() {
        String crsMember = crs == null ? "" : "\"crs\":\"" + crs + "\",";
        String body = "\"features\":[" + String.join(",\n", features) + "]";
        return crsLast ? "{\"type\":\"FeatureCollection\"," + body + "," + crsMember.replaceAll(",$", "") + "}"
                : "{\"type\":\"FeatureCollection\"," + crsMember + body + "}";
    }

    public InputStream stream() {
        return new ByteArrayInputStream(json().getBytes(StandardCharsets.UTF_8));
    }

    /** An axis-aligned square polygon with its south-west corner at lon, lat. */
    public static String square(double lon, double lat, double size) {
        return rect(lon, lat, lon + size, lat + size);
    }

    public static String rect(double minLon, double minLat, double maxLon, double maxLat) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.10f,%.10f],[%.10f,%.10f],"
                + "[%.10f,%.10f],[%.10f,%.10f],[%.10f,%.10f]]]}", minLon, minLat, maxLon, minLat, maxLon, maxLat,
                minLon, maxLat, minLon, minLat);
    }

    public static String point(double lon, double lat) {
        return String.format(Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%.10f,%.10f]}", lon, lat);
    }
}
