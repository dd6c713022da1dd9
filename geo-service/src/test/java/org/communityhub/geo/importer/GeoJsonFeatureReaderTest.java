package org.communityhub.geo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.geojson.GeoJsonFeatureReader;
import org.junit.jupiter.api.Test;

/** Streaming decode of GeoJSON into raw features, crs members and clear errors for non-GeoJSON. */
class GeoJsonFeatureReaderTest {

    private static List<RawFeature> readAll(GeoJsonFeatureReader reader) throws IOException {
        List<RawFeature> out = new ArrayList<>();
        for (RawFeature f = reader.next(); f != null; f = reader.next()) {
            out.add(f);
        }
        return out;
    }

    private static GeoJsonFeatureReader open(String json) throws IOException {
        return GeoJsonFeatureReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesPropertiesGeometriesAndProblems() throws IOException {
        String json = "{\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"a\",\"floor\":3,\"x\":null,"
                + "\"h\":1.5,\"o\":{\"k\":1}},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],"
                + "[0,0]]]]}},{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[0,0],[1,0],[1,1],[0,1]]]}},{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[\"x\",1]}}],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"type\":\"FeatureCollection\"}";
        try (GeoJsonFeatureReader reader = open(json)) {
            List<RawFeature> features = readAll(reader);
            assertThat(features).hasSize(3);
            assertThat(features.get(0).properties()).containsEntry("floor", 3L).containsEntry("h", 1.5)
                    .containsEntry("o", "{\"k\":1}").doesNotContainKey("x");
            assertThat(features.get(0).geometry().getGeometryType()).isEqualTo("MultiPolygon");
            assertThat(features.get(1).problem().message()).isEqualTo("ring 0 is not closed");
            assertThat(features.get(2).problem().kind()).isEqualTo(RejectionKind.BAD_COORDINATES);
            assertThat(reader.declaredDatum()).contains(Datum.WGS84);
        }
    }

    @Test
    void datumCodeBeforeFeaturesIsKnownAtTheFirstFeature() throws IOException {
        try (GeoJsonFeatureReader reader = open("{\"type\":\"FeatureCollection\",\"crs\":\"bd09\",\"features\":[1]}")) {
            RawFeature first = reader.next();
            assertThat(reader.declaredDatum()).contains(Datum.BD09);
            assertThat(first.problem().kind()).isEqualTo(RejectionKind.NOT_A_FEATURE);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void nonCollectionsFailWithWhereAndWhy() {
        assertThatThrownBy(() -> readAll(open("{\"type\":\"FeatureCollection\"}")))
                .hasMessageContaining("no 'features' array");
        assertThatThrownBy(() -> readAll(open("{\"type\":\"FeatureCollection\",\"features\":[{\"a\":}]}")))
                .hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> readAll(open("{\"type\":\"FeatureCollection\",\"features\":{}}")))
                .hasMessageContaining("'features' must be one array");
        assertThatThrownBy(() -> readAll(open(""))).hasMessageContaining("ends early");
    }
}
