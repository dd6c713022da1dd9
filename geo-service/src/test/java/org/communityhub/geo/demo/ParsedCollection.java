package org.communityhub.geo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Test helper: a generated FeatureCollection parsed back with Jackson, geometry as JTS in degrees. */
final class ParsedCollection {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** One parsed feature; {@code geometry} is a JTS Polygon or Point. */
    record Feature(String layer, String code, JsonNode properties, String geometryType, Geometry geometry) {

        String text(String property) {
            JsonNode node = properties.get(property);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    final String text;
    final JsonNode root;
    final List<Feature> features = new ArrayList<>();

    private ParsedCollection(String text) throws IOException {
        this.text = text;
        this.root = new ObjectMapper().readTree(text);
        for (JsonNode node : root.get("features")) {
            JsonNode properties = node.get("properties");
            JsonNode geometry = node.get("geometry");
            String type = geometry.get("type").asText();
            features.add(new Feature(properties.path("layer").asText(null), properties.path("code").asText(null),
                    properties, type, toJts(type, geometry.get("coordinates"))));
        }
    }

    static String write(DemoSubdistrict subdistrict) {
        StringWriter out = new StringWriter();
        try {
            subdistrict.writeGeoJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static ParsedCollection of(DemoSubdistrict subdistrict) {
        try {
            return new ParsedCollection(write(subdistrict));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Feature> layer(String layer) {
        return features.stream().filter(f -> layer.equals(f.layer())).toList();
    }

    /** Features of a layer by code, in file order (a duplicate code keeps the first). */
    Map<String, Feature> byCode(String layer) {
        Map<String, Feature> out = new LinkedHashMap<>();
        for (Feature feature : layer(layer)) {
            out.putIfAbsent(feature.code(), feature);
        }
        return out;
    }

    private static Geometry toJts(String type, JsonNode coordinates) {
        if ("Point".equals(type)) {
            return FACTORY.createPoint(position(coordinates));
        }
        if ("Polygon".equals(type)) {
            JsonNode ring = coordinates.get(0);
            Coordinate[] shell = new Coordinate[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                shell[i] = position(ring.get(i));
            }
            return FACTORY.createPolygon(shell);
        }
        throw new IllegalArgumentException("unexpected geometry type " + type);
    }

    private static Coordinate position(JsonNode pair) {
        return new Coordinate(pair.get(0).asDouble(), pair.get(1).asDouble());
    }
}
