package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.communityhub.gateway.config.HubConfig;
import org.junit.jupiter.api.Test;

/** What a request with photos counts against the upload budget, by its declared size. */
class UploadGateTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aRequestCountsItsSizeAndHalfAgain() {
        assertThat(UploadGate.reservation(String.valueOf(3 * MIB))).isEqualTo(4 * MIB + MIB / 2);
        assertThat(UploadGate.reservation(" 1000 ")).isEqualTo(1500);
    }

    @Test
    void anOnTheSpotClosingWithSixLargestPhotosCountsAllOfIt() {
        long sixPhotosAndForm = 6 * 5 * MIB + 64 * 1024;
        assertThat(UploadGate.reservation(String.valueOf(sixPhotosAndForm)))
                .as("more than a report's 20 MiB").isGreaterThan(HubConfig.Cases.UPLOAD_BYTES)
                .isEqualTo(Math.min(UploadGate.LARGEST, sixPhotosAndForm + sixPhotosAndForm / 2));
        assertThat(UploadGate.reservation(String.valueOf(200 * MIB))).isEqualTo(UploadGate.LARGEST);
    }

    @Test
    void aRequestWithoutAReadableSizeCountsAReportsLargest() {
        assertThat(UploadGate.reservation((String) null)).isEqualTo(HubConfig.Cases.UPLOAD_BYTES);
        assertThat(UploadGate.reservation("twelve")).isEqualTo(HubConfig.Cases.UPLOAD_BYTES);
        assertThat(UploadGate.reservation("1234567890123456789")).isEqualTo(HubConfig.Cases.UPLOAD_BYTES);
    }
}
