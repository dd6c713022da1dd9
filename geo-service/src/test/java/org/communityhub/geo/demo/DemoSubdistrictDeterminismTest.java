package org.communityhub.geo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The generator's output depends on seed and scale only. */
class DemoSubdistrictDeterminismTest {

    @Test
    void sameSeedAndScaleGiveByteIdenticalOutput() throws IOException {
        byte[] first = utf8(DemoSubdistrict.generate(42, 1));
        byte[] second = utf8(DemoSubdistrict.generate(42, 1));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void outputDoesNotDependOnTheDefaultLocale() throws IOException {
        Locale before = Locale.getDefault();
        byte[] root = utf8(DemoSubdistrict.generate(42, 1));
        try {
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            assertThat(utf8(DemoSubdistrict.generate(42, 1))).isEqualTo(root);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void differentSeedsGiveDifferentSubdistrictsWithTheSameCodes() {
        ParsedCollection a = ParsedCollection.of(DemoSubdistrict.generate(1, 1));
        ParsedCollection b = ParsedCollection.of(DemoSubdistrict.generate(2, 1));
        assertThat(b.text).isNotEqualTo(a.text);
        assertThat(b.byCode("community").keySet()).isEqualTo(a.byCode("community").keySet());
        assertThat(b.byCode("compound").keySet()).isEqualTo(a.byCode("compound").keySet());
        assertThat(b.layer("building").get(0).geometry()).isNotEqualTo(a.layer("building").get(0).geometry());
    }

    @Test
    void summaryBeforeWritingEqualsSummaryAfterWriting() {
        DemoSubdistrict counted = DemoSubdistrict.generate(9, 1);
        DemoSubdistrict.Summary beforeWrite = counted.summary();
        DemoSubdistrict written = DemoSubdistrict.generate(9, 1);
        ParsedCollection.write(written);
        assertThat(written.summary()).isEqualTo(beforeWrite);
    }

    private static byte[] utf8(DemoSubdistrict subdistrict) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            subdistrict.writeGeoJson(out);
        }
        return bytes.toByteArray();
    }
}
