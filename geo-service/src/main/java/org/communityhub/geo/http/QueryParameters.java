package org.communityhub.geo.http;

import io.vertx.core.MultiMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.port.BoundingBox;

/**
 * Strict parsing of query parameters; anything malformed throws {@link HttpProblem} (400) naming
 * the parameter. Stateless; cheap.
 */
final class QueryParameters {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,12}");
    static final Pattern CATEGORY = Pattern.compile("[a-z0-9_]{1,64}");
    /** The most categories one items request may name. */
    static final int MAX_CATEGORIES = 32;

    private final MultiMap params;

    QueryParameters(MultiMap params) {
        this.params = params;
    }

    /** {@code lon}, {@code lat} (required) in the datum of {@code crs} (default wgs84), converted to WGS-84. */
    LonLat lonLatWgs84() {
        double lon = number("lon", true);
        double lat = number("lat", true);
        if (lon < -180 || lon > 180) {
            throw HttpProblem.badParameter("lon", "must be a longitude in [-180, 180]");
        }
        if (lat < -90 || lat > 90) {
            throw HttpProblem.badParameter("lat", "must be a latitude in [-90, 90]");
        }
        String crs = params.get("crs");
        Datum datum;
        try {
            datum = crs == null ? Datum.WGS84 : Datum.parse(crs);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badParameter("crs", "must be one of wgs84, gcj02, bd09, cgcs2000");
        }
        return DatumConverter.toWgs84(datum, new LonLat(lon, lat));
    }

    /** A finite number, or NaN when absent and not required. */
    double number(String name, boolean required) {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            if (required) {
                throw HttpProblem.badParameter(name, "is required");
            }
            return Double.NaN;
        }
        if (!NUMBER.matcher(text).matches()) {
            throw HttpProblem.badParameter(name, "must be a decimal number");
        }
        return Double.parseDouble(text);
    }

    /** An integer in [min, max], or the default when absent. */
    long integer(String name, long min, long max, long defaultValue) {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        if (!INTEGER.matcher(text).matches() || Long.parseLong(text) < min || Long.parseLong(text) > max) {
            throw HttpProblem.badParameter(name, "must be an integer from " + min + " to " + max);
        }
        return Long.parseLong(text);
    }

    /** A facility category, or null when absent. */
    String category() {
        String text = params.get("category");
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!CATEGORY.matcher(text).matches()) {
            throw HttpProblem.badParameter("category", "must match [a-z0-9_]{1,64}");
        }
        return text;
    }

    /**
     * {@code category=a,b,…} of the facilities' items: one or more categories separated by commas (an OGC
     * property filter; several values select any of them); empty when absent.
     */
    Set<String> categories() {
        String text = params.get("category");
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_CATEGORIES) {
            throw HttpProblem.badParameter("category", "must be at most " + MAX_CATEGORIES + " categories");
        }
        Set<String> out = new TreeSet<>();
        for (String part : parts) {
            if (!CATEGORY.matcher(part).matches()) {
                throw HttpProblem.badParameter("category",
                        "must be categories matching [a-z0-9_]{1,64}, separated by commas");
            }
            out.add(part);
        }
        return out;
    }

    /** A positive radius in metres up to 100 km, or null when absent. */
    Double radius() {
        double radius = number("radius", false);
        if (Double.isNaN(radius)) {
            return null;
        }
        if (!(radius > 0 && radius <= 100_000)) {
            throw HttpProblem.badParameter("radius", "must be metres, more than 0 and at most 100000");
        }
        return radius;
    }

    /** {@code bbox=minLon,minLat,maxLon,maxLat} (WGS-84), or null when absent. */
    BoundingBox bbox() {
        String text = params.get("bbox");
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw HttpProblem.badParameter("bbox", "must be four numbers minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!NUMBER.matcher(parts[i].strip()).matches()) {
                throw HttpProblem.badParameter("bbox", "must be four numbers minLon,minLat,maxLon,maxLat");
            }
            v[i] = Double.parseDouble(parts[i].strip());
        }
        try {
            return new BoundingBox(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badParameter("bbox", e.getMessage().replaceFirst("^bbox ", ""));
        }
    }
}
