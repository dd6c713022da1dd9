package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

    @Test
    void withABudgetOfOneReportTheLargestRequestTakesTheWholeBudgetAndPassesAlone() {
        UploadGate gate = new UploadGate(1, new SimpleMeterRegistry());
        long sixPhotosAndForm = 6 * 5 * MIB + 64 * 1024;
        long counted = gate.counted(String.valueOf(sixPhotosAndForm));
        assertThat(counted).as("not its 40 MiB reservation: more than the budget holds")
                .isEqualTo(HubConfig.Cases.UPLOAD_BYTES).isLessThan(UploadGate.reservation(String.valueOf(sixPhotosAndForm)));
        assertThat(gate.take(counted)).as("alone, it passes").isTrue();
        assertThat(gate.free()).isZero();
        assertThat(gate.take(gate.counted("1000"))).as("nothing else meanwhile").isFalse();
    }

    @Test
    void aBudgetOfSeveralReportsCountsEachRequestsReservation() {
        UploadGate gate = new UploadGate(4, new SimpleMeterRegistry());
        long budget = 4 * HubConfig.Cases.UPLOAD_BYTES;
        assertThat(gate.counted(String.valueOf(3 * MIB))).isEqualTo(4 * MIB + MIB / 2);
        assertThat(gate.counted(String.valueOf(200 * MIB))).isEqualTo(UploadGate.LARGEST);
        assertThat(gate.take(UploadGate.LARGEST)).isTrue();
        assertThat(gate.take(UploadGate.LARGEST)).isTrue();
        assertThat(gate.free()).isEqualTo(budget - 2 * UploadGate.LARGEST);
        assertThat(gate.free()).isZero();
        assertThat(gate.take(1)).as("the budget is spent").isFalse();
    }

    @Test
    void aBudgetBelowOneRequestIsRefused() {
        assertThatThrownBy(() -> new UploadGate(0, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests");
    }
}
