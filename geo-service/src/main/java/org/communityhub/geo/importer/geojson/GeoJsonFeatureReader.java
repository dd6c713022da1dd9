package org.communityhub.geo.importer.geojson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.FeatureSource;
import org.communityhub.geo.importer.RawFeature;
import org.communityhub.geo.importer.RejectionKind;
import org.locationtech.jts.geom.Geometry;

/**
 * Streams a GeoJSON FeatureCollection: the {@code features} array is read one element at a time, so
 * memory does not grow with the file. The top-level {@code crs} member may be a datum code
 * ({@code wgs84}, {@code cgcs2000}, {@code gcj02}, {@code bd09}) or the old GeoJSON 2008 named CRS
 * object that ogr2ogr writes (CRS84/EPSG:4326 → WGS-84, EPSG:4490 → CGCS2000). Not thread-safe.
 */
public final class GeoJsonFeatureReader implements FeatureSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonParser parser;
    private Datum declared;
    private String type;
    private boolean sawFeatures;
    private boolean inFeatures;
    private boolean done;
    private int index;

    private GeoJsonFeatureReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Starts reading; the stream is not closed by {@link #close()}. */
    public static GeoJsonFeatureReader open(InputStream in) throws IOException {
        JsonParser parser = new JsonFactory(MAPPER).createParser(in);
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        GeoJsonFeatureReader reader = new GeoJsonFeatureReader(parser);
        JsonToken first = reader.token();
        if (first != JsonToken.START_OBJECT) {
            throw new IOException("not a GeoJSON FeatureCollection: the file does not start with a JSON object");
        }
        return reader;
    }

    @Override
    public RawFeature next() throws IOException {
        if (done) {
            return null;
        }
        if (!inFeatures && !readMembersUntilFeatures()) {
            finish();
            return null;
        }
        JsonToken token = token();
        if (token == JsonToken.END_ARRAY) {
            inFeatures = false;
            if (!readMembersUntilFeatures()) {
                finish();
            }
            return null;
        }
        JsonNode node = readTree();
        return feature(index++, node);
    }

    @Override
    public Optional<Datum> declaredDatum() {
        return Optional.ofNullable(declared);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Reads top-level members; true when positioned inside the features array. */
    private boolean readMembersUntilFeatures() throws IOException {
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IOException("not a GeoJSON FeatureCollection: unexpected " + t + where());
            }
            String member = parser.currentName();
            JsonToken value = token();
            switch (member) {
                case "type" -> type = parser.getValueAsString();
                case "crs" -> declared = datum(readTree());
                case "features" -> {
                    if (value != JsonToken.START_ARRAY || sawFeatures) {
                        throw new IOException("not a GeoJSON FeatureCollection: 'features' must be one array" + where());
                    }
                    sawFeatures = true;
                    inFeatures = true;
                    return true;
                }
                default -> parser.skipChildren();
            }
        }
        return false;
    }

    private void finish() throws IOException {
        done = true;
        if (!"FeatureCollection".equals(type)) {
            throw new IOException("not a GeoJSON FeatureCollection: top-level \"type\" is "
                    + (type == null ? "missing" : "'" + type + "'"));
        }
        if (!sawFeatures) {
            throw new IOException("not a GeoJSON FeatureCollection: there is no 'features' array");
        }
        if (parser.nextToken() != null) {
            throw new IOException("not valid JSON: unexpected content after the FeatureCollection" + where());
        }
    }

    private static RawFeature feature(int index, JsonNode node) {
        if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
            return problem(index, Map.of(), "element is not a GeoJSON Feature object");
        }
        JsonNode props = node.get("properties");
        if (props == null || !props.isObject()) {
            return problem(index, Map.of(), "feature has no 'properties' object");
        }
        Map<String, Object> properties = properties(props);
        try {
            Geometry geometry = GeoJsonGeometry.decode(node.get("geometry"));
            return new RawFeature(index, properties, geometry, null);
        } catch (GeoJsonGeometry.BadGeometry e) {
            return new RawFeature(index, properties, null, e.problem());
        } catch (IllegalArgumentException e) {
            return new RawFeature(index, properties, null,
                    new RawFeature.Problem(RejectionKind.INVALID_GEOMETRY, "geometry is malformed: " + e.getMessage()));
        }
    }

    private static RawFeature problem(int index, Map<String, Object> properties, String message) {
        return new RawFeature(index, properties, null, new RawFeature.Problem(RejectionKind.NOT_A_FEATURE, message));
    }

    private static Map<String, Object> properties(JsonNode props) {
        Map<String, Object> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            Object value;
            if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else {
                value = v.toString();
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static Datum datum(JsonNode crs) throws IOException {
        if (crs.isTextual()) {
            try {
                return Datum.parse(crs.textValue());
            } catch (RuntimeException e) {
                throw new IOException("unknown \"crs\" '" + crs.textValue() + "': use wgs84, cgcs2000, gcj02 or bd09", e);
            }
        }
        String name = crs.path("properties").path("name").asText("").toUpperCase(Locale.ROOT);
        if (name.endsWith("CRS84") || name.endsWith("EPSG::4326") || name.endsWith("EPSG:4326")) {
            return Datum.WGS84;
        }
        if (name.endsWith("EPSG::4490") || name.endsWith("EPSG:4490")) {
            return Datum.CGCS2000;
        }
        throw new IOException("unsupported \"crs\" member: reproject to EPSG:4326 (ogr2ogr -t_srs EPSG:4326) "
                + "or declare one of wgs84, cgcs2000, gcj02, bd09");
    }

    private JsonNode readTree() throws IOException {
        try {
            JsonNode node = MAPPER.readTree(parser);
            return node == null ? MAPPER.nullNode() : node;
        } catch (JsonParseException e) {
            throw notJson(e);
        }
    }

    private JsonToken token() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new IOException("not valid JSON: the file ends early" + where());
            }
            return t;
        } catch (JsonParseException e) {
            throw notJson(e);
        }
    }

    private IOException notJson(JsonParseException e) {
        return new IOException("not valid JSON" + where() + ": " + e.getOriginalMessage(), e);
    }

    private String where() {
        return " at line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }
}
