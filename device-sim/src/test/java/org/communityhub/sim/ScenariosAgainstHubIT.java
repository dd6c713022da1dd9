package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.sim.testing.RealHub;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each {@code hub sim scenario} against a real hub: the hub ends up showing what the scenario prints
 * it should. Each scenario uses its own fixture device so their alerts never fold together.
 */
class ScenariosAgainstHubIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final RealHub hub = RealHub.perClass();
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        admin = hub.login("admin-it", Role.ADMIN, null);
    }

    @Test
    void fireRaisesOneCriticalAlertAtTheBuildingAndTheResetIsRecorded() throws Exception {
        SimRun run = scenario("fire", "ita-fb-1", "--reset-after", "0.3", "--floor", "2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("expect: 1 open critical fire alert at building ita-b1", "reset_at");
        RealHub.await(WAIT, "the reset recorded on the fire alert", () -> hub.alertsOf(admin, "ita-fb-1").stream()
                .anyMatch(a -> !a.path("reset_at").isNull() && !a.path("reset_at").isMissingNode()));
        List<JsonNode> alerts = hub.alertsOf(admin, "ita-fb-1");
        assertThat(alerts).hasSize(1);
        JsonNode fire = alerts.get(0);
        assertThat(fire.path("kind").asText()).isEqualTo("fire");
        assertThat(fire.path("severity").asText()).isEqualTo("critical");
        assertThat(fire.path("building").asText()).isEqualTo("ita-b1");
        assertThat(fire.path("status").asText()).isEqualTo("open");
        assertThat(fire.path("count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(hub.storedEvents("ita-fb-1")).isEqualTo(2);
    }

    @Test
    void intrusionRaisesOneHighIntrusionAlertForTheCamera() throws Exception {
        SimRun run = scenario("intrusion", "ita-cam-1");
        assertThat(run.out()).contains("expect: 1 open high intrusion alert (camera.climb) at compound ita-q1");
        RealHub.await(WAIT, "an intrusion alert", () -> !hub.alertsOf(admin, "ita-cam-1").isEmpty());
        JsonNode alert = single(hub.alertsOf(admin, "ita-cam-1"));
        assertThat(alert.path("kind").asText()).isEqualTo("intrusion");
        assertThat(alert.path("severity").asText()).isEqualTo("high");
        assertThat(alert.path("compound").asText()).isEqualTo("ita-q1");
        assertThat(alert.path("count").asInt()).isEqualTo(1);
    }

    @Test
    void tailgatingStoresTheBurstAndOneAccessAlertCoversIt() throws Exception {
        SimRun run = scenario("tailgating", "itb-gate-1", "--count", "3");
        assertThat(run.out()).contains("expect: 3 access.tailgating events stored for itb-gate-1",
                "expect: 1 open medium access alert at compound itb-q1 (device itb-gate-1) with count >= 3");
        RealHub.await(WAIT, "the access alert to cover the burst", () -> hub.alertsOf(admin, "itb-gate-1").stream()
                .anyMatch(a -> a.path("count").asInt() >= 3));
        JsonNode alert = single(hub.alertsOf(admin, "itb-gate-1"));
        assertThat(alert.path("kind").asText()).isEqualTo("access");
        assertThat(alert.path("severity").asText()).isEqualTo("medium");
        assertThat(alert.path("event_ids")).hasSize(3);
        assertThat(hub.storedEvents("itb-gate-1")).isEqualTo(3);
    }

    @Test
    void offlineShowsTheDeviceOfflineAndOpensALowMaintenanceAlert() throws Exception {
        SimRun run = scenario("offline", "ita-fb-2");
        assertThat(run.out()).contains("expect: device ita-fb-2 shows offline",
                "expect: 1 open low maintenance alert for ita-fb-2");
        RealHub.await(WAIT, "ita-fb-2 offline with a maintenance alert",
                () -> hub.get("/api/v1/devices/ita-fb-2", admin).path("status").asText().equals("offline")
                        && !hub.alertsOf(admin, "ita-fb-2").isEmpty());
        JsonNode alert = single(hub.alertsOf(admin, "ita-fb-2"));
        assertThat(alert.path("kind").asText()).isEqualTo("maintenance");
        assertThat(alert.path("severity").asText()).isEqualTo("low");
    }

    @Test
    void malformedLeavesExactlyTheExpectedRejectReasonsAndStoresTheValidNeighbours() throws Exception {
        SimRun run = scenario("malformed", "ita-gate-1");
        assertThat(run.exitCode()).isZero();
        List<String> expected = List.of("malformed_json", "missing_field", "invalid_field", "unknown_event_type",
                "wrong_event_type", "payload_too_large", "invalid_utf8", "future_time", "personal_data", "unknown_field");
        assertThat(run.out()).contains("expect: 10 rejects listed for ita-gate-1", String.join(", ", expected));
        RealHub.await(WAIT, "10 rejects and 2 stored events",
                () -> hub.rejectReasons(admin, "ita-gate-1").size() >= 10 && hub.storedEvents("ita-gate-1") >= 2);
        assertThat(hub.rejectReasons(admin, "ita-gate-1")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hub.storedEvents("ita-gate-1")).isEqualTo(2);
        assertThat(hub.alertsOf(admin, "ita-gate-1")).isEmpty();
    }

    @Test
    void duplicatesAreStoredOnceAndRaiseAtMostOneAlert() throws Exception {
        SimRun run = scenario("duplicates", "itb-cam-1", "--count", "3");
        assertThat(run.out()).contains("expect: 3 events stored for itb-cam-1 (not 6)",
                "expect: 1 open low maintenance alert for camera.tamper");
        RealHub.await(WAIT, "the tamper alert", () -> !hub.alertsOf(admin, "itb-cam-1").isEmpty()
                && hub.storedEvents("itb-cam-1") >= 3);
        assertThat(hub.fixture().column("SELECT count(*) - count(DISTINCT event_id) FROM event WHERE device_code = 'itb-cam-1'"))
                .containsExactly(0L);
        assertThat(hub.storedEvents("itb-cam-1")).isEqualTo(3);
        JsonNode alert = single(hub.alertsOf(admin, "itb-cam-1"));
        assertThat(alert.path("kind").asText()).isEqualTo("maintenance");
        assertThat(alert.path("count").asInt()).isEqualTo(1);
    }

    private static JsonNode single(List<JsonNode> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void reportFilesAResidentsCase() throws Exception {
        SimRun run = SimRun.run(Map.of(), "scenario", "report", "--http-url", hub.baseUrl());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("tracking code").contains("expect: 1 submitted case in community it");
        assertThat(hub.fixture().column("SELECT count(*) FROM hub_case WHERE status = 'submitted' AND reporter IS NULL"))
                .containsExactly(1L);
        SimRun outside = SimRun.run(Map.of(), "scenario", "report", "--http-url", hub.baseUrl(), "--lon", "100",
                "--lat", "30");
        assertThat(outside.exitCode()).isNotZero();
        assertThat(outside.out()).contains("422");
    }

    private static SimRun scenario(String name, String device, String... more) {
        List<String> args = new ArrayList<>(List.of("scenario", name, "--device", device, "--credentials",
                hub.credentialsFile().toString(), "--mqtt-url", hub.mqttUrl()));
        args.addAll(List.of(more));
        SimRun run = SimRun.run(Map.of(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }
}
