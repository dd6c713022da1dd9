package org.communityhub.geo.demo;

import java.io.IOException;
import java.io.Writer;

/**
 * A minimal streaming writer of one GeoJSON FeatureCollection, one feature per line. Each feature
 * is built in a reused buffer and handed to the {@link Writer} whole, so memory stays constant
 * however many features are written. Numbers are written with a fixed number of decimals
 * independent of locale; strings are escaped per RFC 8259. Call order per feature:
 * {@link #beginFeature}, properties, one geometry method, {@link #endFeature}. Not thread-safe.
 */
final class GeoJsonWriter {

    /** Seven decimals of a degree: about 1 cm. */
    static final int DECIMALS = 7;
    private static final long SCALE = 10_000_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final StringBuilder buffer = new StringBuilder(1024);
    private boolean firstFeature = true;
    private boolean firstProperty;

    GeoJsonWriter(Writer out) {
        this.out = out;
    }

    void begin() throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    void beginFeature() {
        buffer.setLength(0);
        if (!firstFeature) {
            buffer.append(",\n");
        }
        firstFeature = false;
        buffer.append("{\"type\":\"Feature\",\"properties\":{");
        firstProperty = true;
    }

    /** A string property; skipped when {@code value} is null. */
    void property(String key, String value) {
        if (value == null) {
            return;
        }
        key(key);
        appendString(buffer, value);
    }

    /** An integer property; skipped when {@code value} is null. */
    void property(String key, Integer value) {
        if (value == null) {
            return;
        }
        key(key);
        buffer.append(value.intValue());
    }

    void point(double lon, double lat) {
        buffer.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":");
        position(lon, lat);
        buffer.append('}');
    }

    /** A polygon with one closed exterior ring (first position repeated last). */
    void polygon(double[] lons, double[] lats) {
        buffer.append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i < lons.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            position(lons[i], lats[i]);
        }
        buffer.append("]]}");
    }

    void endFeature() throws IOException {
        buffer.append('}');
        out.append(buffer);
    }

    void end() throws IOException {
        out.write("\n]}\n");
        out.flush();
    }

    private void key(String key) {
        if (!firstProperty) {
            buffer.append(',');
        }
        firstProperty = false;
        appendString(buffer, key);
        buffer.append(':');
    }

    private void position(double lon, double lat) {
        buffer.append('[');
        appendFixed(buffer, lon);
        buffer.append(',');
        appendFixed(buffer, lat);
        buffer.append(']');
    }

    /** Appends {@code value} rounded half-up to {@link #DECIMALS} decimals, e.g. {@code 114.0300000}. */
    static void appendFixed(StringBuilder sb, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite coordinate: " + value);
        }
        long scaled = Math.round(value * SCALE);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / SCALE).append('.');
        String fraction = Long.toString(scaled % SCALE);
        for (int i = fraction.length(); i < DECIMALS; i++) {
            sb.append('0');
        }
        sb.append(fraction);
    }

    /** Appends {@code value} as a JSON string: quotes, backslash, control and line-separator characters escaped. */
    static void appendString(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
