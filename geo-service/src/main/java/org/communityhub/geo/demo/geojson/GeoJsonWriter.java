package org.communityhub.geo.demo.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonpCharacterEscapes;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.Writer;

/**
 * A streaming writer of one GeoJSON FeatureCollection, one feature per line, on Jackson's
 * {@link JsonGenerator}: Jackson writes the structure and escapes strings (RFC 8259, plus U+2028 and
 * U+2029 so the text may sit inside a script); coordinates go through {@link #fixed} (seven decimals,
 * independent of locale) as numeric text. The generator's own buffer (a few KB) is all it holds, so
 * memory stays constant however many features are written; it does not close the {@link Writer}. Call
 * order per feature: {@link #beginFeature}, properties, one geometry method, {@link #endFeature}.
 * Not thread-safe. In a package of its own so that the demo generator's other classes stay free of
 * JSON libraries.
 */
public final class GeoJsonWriter {

    /** Seven decimals of a degree: about 1 cm. */
    public static final int DECIMALS = 7;
    private static final long SCALE = 10_000_000L;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JsonGenerator json;

    public GeoJsonWriter(Writer out) throws IOException {
        json = FACTORY.createGenerator(out);
        json.setCharacterEscapes(new JsonpCharacterEscapes());
        json.setPrettyPrinter(new FeaturePerLine());
    }

    public void begin() throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
        json.writeArrayFieldStart("features");
    }

    public void beginFeature() throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeObjectFieldStart("properties");
    }

    /** A string property; skipped when {@code value} is null. */
    public void property(String key, String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, value);
        }
    }

    /** An integer property; skipped when {@code value} is null. */
    public void property(String key, Integer value) throws IOException {
        if (value != null) {
            json.writeNumberField(key, value.intValue());
        }
    }

    public void point(double lon, double lat) throws IOException {
        geometry("Point");
        position(lon, lat);
        json.writeEndObject();
    }

    /** A polygon with one closed exterior ring (first position repeated last). */
    public void polygon(double[] lons, double[] lats) throws IOException {
        geometry("Polygon");
        json.writeStartArray();
        json.writeStartArray();
        for (int i = 0; i < lons.length; i++) {
            position(lons[i], lats[i]);
        }
        json.writeEndArray();
        json.writeEndArray();
        json.writeEndObject();
    }

    public void endFeature() throws IOException {
        json.writeEndObject();
    }

    public void end() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    /** Closes the properties and opens the geometry, up to its coordinates. */
    private void geometry(String type) throws IOException {
        json.writeEndObject();
        json.writeObjectFieldStart("geometry");
        json.writeStringField("type", type);
        json.writeFieldName("coordinates");
    }

    private void position(double lon, double lat) throws IOException {
        json.writeStartArray();
        json.writeNumber(fixed(lon));
        json.writeNumber(fixed(lat));
        json.writeEndArray();
    }

    /** {@code value} rounded half-up to {@link #DECIMALS} decimals, e.g. {@code 114.0300000}. */
    public static String fixed(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite coordinate: " + value);
        }
        long scaled = Math.round(value * SCALE);
        StringBuilder sb = new StringBuilder(16);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / SCALE).append('.');
        String fraction = Long.toString(scaled % SCALE);
        for (int i = fraction.length(); i < DECIMALS; i++) {
            sb.append('0');
        }
        return sb.append(fraction).toString();
    }

    /** Compact JSON, except that each element of the top-level {@code features} array starts a line. */
    private static final class FeaturePerLine extends MinimalPrettyPrinter {

        private static final long serialVersionUID = 1L;

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (isFeatures(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(isFeatures(g) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(isFeatures(g) ? "\n]" : "]");
        }

        /** The array being written is the collection's {@code features} (its parent is the root object). */
        private static boolean isFeatures(JsonGenerator g) {
            return g.getOutputContext().getParent().getParent().inRoot();
        }
    }
}
