package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.communityhub.sim.testing.RealHub;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hub sim load} against a real hub: a small steady rate from five devices is stored completely
 * and exactly once in the hub's event table, and the report says so with latency percentiles.
 */
class LoadAgainstHubIT {

    @RegisterExtension
    static final RealHub hub = RealHub.perClass();

    @Test
    void twoHundredPerSecondFromFiveDevicesForFiveSecondsIsStoredExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        SimRun run = SimRun.run(Map.of("HUB_DB_PASSWORD", hub.dbPassword()), "load", "--json", "--quiet",
                "--credentials", hub.credentialsFile().toString(), "--mqtt-url", hub.mqttUrl(),
                "--rate", "200", "--devices", "5", "--duration", "5s", "--drain", "30s",
                "--db-url", hub.jdbcUrl(), "--db-user", hub.dbUser());
        JsonNode report = run.json();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        long sent = report.path("sent").asLong();
        assertThat(sent).isBetween(950L, 1000L);
        assertThat(report.path("acked").asLong()).isEqualTo(sent);
        assertThat(report.path("stored").asLong()).isEqualTo(sent);
        assertThat(report.path("stored_rows").asLong()).isEqualTo(sent);
        assertThat(report.path("lost").asLong()).isZero();
        assertThat(report.path("duplicated").asLong()).isZero();
        assertThat(report.path("ok").asBoolean()).isTrue();
        JsonNode latency = report.path("stored_latency_ms");
        assertThat(latency.path("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.path("p95").asDouble());
        assertThat(latency.path("p99").asDouble()).isLessThanOrEqualTo(latency.path("max").asDouble());
        assertThat(report.path("puback_latency_ms").path("p50").isNumber()).isTrue();

        String prefix = report.path("run_prefix").asText();
        assertThat(hub.fixture().column("SELECT count(*) FROM event WHERE event_id LIKE '" + prefix + "-%'"))
                .as("counted independently of the simulator").containsExactly(sent);
        assertThat(hub.fixture().column("SELECT count(DISTINCT device_code) FROM event WHERE event_id LIKE '" + prefix
                + "-%'")).containsExactly(5L);
        assertThat(hub.fixture().column("SELECT count(*) FROM rejected_message")).containsExactly(0L);
        System.out.printf("load against the real hub: %d events in %.1f s wall clock, stored latency %s%n", sent,
                (System.nanoTime() - t0) / 1e9, latency);
    }

    @Test
    void theTextReportShowsTheCountsAndLatency() throws Exception {
        SimRun run = SimRun.run(Map.of("HUB_DB_PASSWORD", hub.dbPassword()), "load", "--quiet",
                "--credentials", hub.credentialsFile().toString(), "--mqtt-url", hub.mqttUrl(),
                "--rate", "50", "--devices", "2", "--duration", "1s", "--db-url", hub.jdbcUrl(), "--db-user", hub.dbUser());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("stored +50 ").containsPattern("lost +0 ").containsPattern("duplicated +0 ")
                .contains("publish→stored", "p95", "OK: nothing lost or duplicated");
    }
}
