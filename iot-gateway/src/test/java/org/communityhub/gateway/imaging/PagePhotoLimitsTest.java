package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.gateway.cases.PhotoSanitizer;
import org.junit.jupiter.api.Test;

/**
 * The report page scales a photo on the phone to what the hub keeps (js/photoshrink.js): its two limits are the
 * hub's, written a second time in JavaScript, and must stay equal to them — a page limit below the hub's would shrink
 * photos the hub keeps larger, one above would send photos the hub refuses (5 MiB) or scales again (2048 px).
 */
class PagePhotoLimitsTest {

    private static final String SCRIPT = "META-INF/resources/hub-ui/js/photoshrink.js";

    @Test
    void thePageScalesPhotosToTheLimitsTheHubKeeps() throws IOException {
        String js = source();
        assertThat(constant(js, "MAX_EDGE = (\\d+);", 1)).as("photoshrink.js MAX_EDGE")
                .isEqualTo(ImageIoPhotoSanitizer.MAX_EDGE);
        assertThat(constant(js, "MAX_PHOTO_BYTES = (\\d+) \\* (\\d+) \\* (\\d+);", 3)).as("photoshrink.js MAX_PHOTO_BYTES")
                .isEqualTo(PhotoSanitizer.MAX_BYTES);
    }

    /** The product of the groups of {@code export const <pattern>}, which must occur once. */
    private static long constant(String js, String pattern, int groups) {
        Matcher m = Pattern.compile("export const " + pattern).matcher(js);
        assertThat(m.find()).as("photoshrink.js declares " + pattern).isTrue();
        long value = 1;
        for (int g = 1; g <= groups; g++) {
            value *= Long.parseLong(m.group(g));
        }
        assertThat(m.find()).as("once").isFalse();
        return value;
    }

    private static String source() throws IOException {
        try (InputStream in = PagePhotoLimitsTest.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            assertThat(in).as(SCRIPT + " on the class path (map-ui)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
