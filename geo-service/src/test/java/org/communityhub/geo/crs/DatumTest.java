package org.communityhub.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatumTest {

    @Test
    void parsesContractCodesIgnoringCaseAndBlanks() {
        assertThat(Datum.parse("wgs84")).isEqualTo(Datum.WGS84);
        assertThat(Datum.parse("CGCS2000")).isEqualTo(Datum.CGCS2000);
        assertThat(Datum.parse(" Gcj02 ")).isEqualTo(Datum.GCJ02);
        assertThat(Datum.parse("bd09")).isEqualTo(Datum.BD09);
    }

    @Test
    void codeIsTheLowerCaseContractName() {
        assertThat(Datum.WGS84.code()).isEqualTo("wgs84");
        assertThat(Datum.CGCS2000.code()).isEqualTo("cgcs2000");
        assertThat(Datum.GCJ02.code()).isEqualTo("gcj02");
        assertThat(Datum.BD09.code()).isEqualTo("bd09");
        for (Datum datum : Datum.values()) {
            assertThat(Datum.parse(datum.code())).isEqualTo(datum);
        }
    }

    @Test
    void unknownCodeNamesTheAcceptedValues() {
        assertThatThrownBy(() -> Datum.parse("epsg:4326"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"epsg:4326\"")
                .hasMessageContaining("wgs84, cgcs2000, gcj02, bd09");
    }

    @Test
    void nullAndEmptyAreRejected() {
        assertThatThrownBy(() -> Datum.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accepted values");
        assertThatThrownBy(() -> Datum.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accepted values");
    }

    @Test
    void longOrControlCharacterInputIsShortenedAndNeutralisedInTheMessage() {
        String hostile = "x\n".repeat(100);
        assertThatThrownBy(() -> Datum.parse(hostile)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(150));
    }
}
