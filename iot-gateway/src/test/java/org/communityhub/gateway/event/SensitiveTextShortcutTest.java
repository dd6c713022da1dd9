package org.communityhub.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link SensitiveText#mayCarryPersonalContent} lets the ingest path skip the regexes only for values in which
 * {@link SensitiveText#personalContent} would find nothing.
 */
class SensitiveTextShortcutTest {

    @ParameterizedTest
    @ValueSource(strings = {"/9j/4AAQ", "iVBORw0KGgoAAAANS", "R0lGODlh", "UklGRiQAAABXRUJQ", "data:image/png;base64,x",
        "DATA:IMAGE/png", "13812345678", "+86 138-1234-5678", "11010519491231002X", "110105194912310",
        "abcDEF0123456789abcDEF0123456789abcDEF0123456789abcDEF0123456789xyz"})
    void everyPersonalValueIsLookedAt(String value) {
        assertThat(SensitiveText.personalContent(value)).as(value).isPresent();
        assertThat(SensitiveText.mayCarryPersonalContent(value)).as(value).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "in", "out", "face", "p-00001234", "c01-gate-0001", "north gate", "1234567890", "门禁"})
    void shortCodesAreSkipped(String value) {
        assertThat(SensitiveText.mayCarryPersonalContent(value)).as(value).isFalse();
        assertThat(SensitiveText.personalContent(value)).as(value).isEmpty();
    }

    /** Random strings over an alphabet that makes numbers, image starts and blobs likely: the shortcut never hides one. */
    @Test
    void theShortcutNeverHidesAFinding() {
        String alphabet = "0123456789 -+/9jiVBORwKGgoR0lGODUklGRdata:imgXx";
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(80);
            for (int k = 0; k < length; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = b.toString();
            if (!SensitiveText.mayCarryPersonalContent(value)) {
                assertThat(SensitiveText.personalContent(value)).as(value).isEmpty();
            }
        }
    }
}
