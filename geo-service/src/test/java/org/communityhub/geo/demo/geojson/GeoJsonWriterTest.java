package org.communityhub.geo.demo.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The GeoJSON writer (on Jackson's generator) escapes strings, formats numbers and lays out one feature a line. */
class GeoJsonWriterTest {

    @Test
    void stringsWithQuotesBackslashesAndControlCharactersRoundTrip() throws IOException {
        String nasty = "景田\"花园\\3栋\n\t\u0001\u2028\u2029</script>";
        StringWriter out = new StringWriter();
        GeoJsonWriter writer = new GeoJsonWriter(out);
        writer.begin();
        writer.beginFeature();
        writer.property("name", nasty);
        writer.point(0, 0);
        writer.endFeature();
        writer.end();
        String text = out.toString();
        assertThat(text).contains("景田").doesNotContain("\u0001").doesNotContain("\u2028").doesNotContain("\u2029");
        assertThat(text.lines()).hasSize(3);
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(root.get("features").get(0).get("properties").get("name").asText()).isEqualTo(nasty);
    }

    @Test
    void numbersHaveSevenFixedDecimalsRoundedHalfUp() {
        assertThat(fixed(114.03)).isEqualTo("114.0300000");
        assertThat(fixed(22.123456789)).isEqualTo("22.1234568");
        assertThat(fixed(-0.5)).isEqualTo("-0.5000000");
        assertThat(fixed(0.00000004)).isEqualTo("0.0000000");
        assertThat(fixed(-12.0000001)).isEqualTo("-12.0000001");
        assertThatThrownBy(() -> fixed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAParsableCollectionSkippingNullProperties() throws IOException {
        StringWriter out = new StringWriter();
        GeoJsonWriter writer = new GeoJsonWriter(out);
        writer.begin();
        writer.beginFeature();
        writer.property("name", "A座");
        writer.property("floor", (Integer) null);
        writer.point(114.05, 22.53);
        writer.endFeature();
        writer.beginFeature();
        writer.property("floors", 12);
        writer.polygon(new double[] {0, 1, 1, 0}, new double[] {0, 0, 1, 0});
        writer.endFeature();
        writer.end();
        assertThat(out.toString()).startsWith("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",")
                .contains("\"coordinates\":[114.0500000,22.5300000]}},\n{\"type\":\"Feature\",\"properties\":{\"floors\":12},")
                .endsWith("[0.0000000,0.0000000]]]}}\n]}\n");
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("features")).hasSize(2);
        assertThat(root.get("features").get(0).get("properties").has("floor")).isFalse();
        assertThat(root.get("features").get(0).get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(22.53);
        assertThat(root.get("features").get(1).get("properties").get("floors").asInt()).isEqualTo(12);
    }

    private static String fixed(double value) {
        return GeoJsonWriter.fixed(value);
    }
}
