package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.sim.testing.RealHub;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code hub sim check} against a real hub (gateway in-process, real PostGIS and Mosquitto): PASS for a
 * registered device, and FAIL with the right cause and exit code for each way an installation goes wrong.
 */
class CheckAgainstHubIT {

    private static final String INSTALLER = "installer-ita";
    private static final Map<String, String> ENV = Map.of("HUB_SIM_PASSWORD", HubFixture.PASSWORD);

    @RegisterExtension
    static final RealHub hub = RealHub.perClass();
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        token = hub.login(INSTALLER, Role.INSTALLER, "ita");
    }

    @Test
    void aRegisteredDevicePassesItsEventsAreStoredAndItShowsOnline() throws Exception {
        SimRun run = check(hub.baseUrl(), "ita-gate-1");
        JsonNode verdict = run.json();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(verdict.path("result").asText()).isEqualTo("PASS");
        String eventId = verdict.path("event_id").asText();
        assertThat(hub.fixture().column("SELECT event_id || ' ' || type FROM event WHERE device_code = 'ita-gate-1'"))
                .contains(eventId + " access.granted", eventId + "-hb heartbeat");
        assertThat(hub.get("/api/v1/devices/ita-gate-1", token).path("status").asText()).isEqualTo("online");
        // The check went through the hub's check API (issue 18): its PASS marked the device tested, by the installer.
        assertThat(verdict.path("steps").toString()).contains("hub check started", "hub check: pass");
        assertThat(hub.get("/api/v1/devices/ita-gate-1", token).path("install_state").asText()).isEqualTo("tested");
        assertThat(hub.fixture().column("SELECT tested_by FROM device WHERE code = 'ita-gate-1'")).containsExactly(INSTALLER);
    }

    @Test
    void aFireButtonPassesWithItsOwnTestEvent() throws Exception {
        SimRun run = check(hub.baseUrl(), "ita-fb-2");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(hub.fixture().column("SELECT type FROM event WHERE device_code = 'ita-fb-2'"))
                .containsExactlyInAnyOrder("heartbeat", "fire.reset");
    }

    @Test
    void aWrongPasswordFailsAsRefusedCredentials() throws Exception {
        SimRun run = check(hub.baseUrl(), "ita-cam-1", "--password", "not-the-password", "--community", "ita",
                "--type", "camera");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("cause").asText()).isEqualTo("broker_refused_credentials");
        assertThat(run.json().path("message").asText()).contains("refused the credentials of device ita-cam-1");
        assertThat(hub.storedEvents("ita-cam-1")).isZero();
    }

    @Test
    void aBrokerLoginForAnUnregisteredCodeFailsAsNotRegistered() throws Exception {
        String ghost = "ghost-" + System.nanoTime() % 100_000;
        BrokerLogins.add(ghost, "ghost-password", "ita", "gate");
        SimRun run = awaitBrokerLogin(() -> check(hub.baseUrl(), ghost, "--password", "ghost-password", "--community", "ita",
                "--type", "gate"));
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.json().path("cause").asText()).isEqualTo("not_registered");
        RealHub.await(Duration.ofSeconds(10), "the hub to reject the ghost's events as unknown_device",
                () -> hub.fixture().column("SELECT DISTINCT reason FROM rejected_message WHERE device_code = '" + ghost + "'")
                        .equals(List.of("unknown_device")));
    }

    @Test
    void aTopicWithAnotherCommunityFailsAsTopicMismatch() throws Exception {
        var gate = hub.device("ita-gate-1");
        SimRun run = check(hub.baseUrl(), "ita-gate-1", "--password", gate.password(), "--community", "itb", "--type", "gate");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.json().path("cause").asText()).isEqualTo("topic_mismatch");
        assertThat(run.json().path("reject_reason").asText()).isEqualTo("topic_mismatch");
        assertThat(run.json().path("message").asText()).contains("hub/v1/itb/gate/ita-gate-1/event", "registration");
    }

    @Test
    void aTopicWithAnotherTypeFailsAsTopicMismatch() throws Exception {
        var camera = hub.device("ita-cam-1");
        SimRun run = check(hub.baseUrl(), "ita-cam-1", "--password", camera.password(), "--community", "ita", "--type",
                "fire_button");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.json().path("cause").asText()).isEqualTo("topic_mismatch");
        assertThat(run.json().path("reject_reason").asText()).isEqualTo("topic_mismatch");
        assertThat(run.json().path("message").asText()).contains("camera", "hub/v1/ita/fire_button/ita-cam-1/event",
                RejectReason.TOPIC_MISMATCH.advice());
        // The broker refused the messages (per-device ACL): the hub never saw them.
        assertThat(hub.rejectReasons(token, "ita-cam-1")).doesNotContain("topic_mismatch");
        assertThat(hub.storedEvents("ita-cam-1")).isZero();
    }

    @Test
    void anEventTheHubRejectsFailsWithTheHubsReasonCodeAndAdvice() throws Exception {
        SimRun run = check(hub.baseUrl(), "ita-fb-1", "--event-type", "access.granted");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        JsonNode verdict = run.json();
        assertThat(verdict.path("cause").asText()).isEqualTo("rejected");
        assertThat(verdict.path("reject_reason").asText()).isEqualTo("wrong_event_type");
        assertThat(verdict.path("message").asText()).contains("with reason wrong_event_type",
                RejectReason.WRONG_EVENT_TYPE.advice());
    }

    @Test
    void anUnreachableHubFailsWithExitCode3AfterTheBrokerAcceptedTheEvents() throws Exception {
        SimRun run = check(RealHub.closedHttpUrl(), "itb-gate-1");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("cause").asText()).isEqualTo("hub_unreachable");
        assertThat(run.json().path("steps").toString()).contains("PUBACK");
    }

    @Test
    void theTextVerdictNamesTheCause() throws Exception {
        SimRun run = SimRun.run(ENV, "check", "ita-cam-1", "--credentials", hub.credentialsFile().toString(), "--mqtt-url",
                hub.mqttUrl(), "--http-url", hub.baseUrl(), "--user", INSTALLER, "--event-type", "fire.alarm");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("check ita-cam-1 (camera, community ita)", "FAIL: the hub rejected",
                "with reason wrong_event_type");
    }

    private static SimRun check(String httpUrl, String device, String... more) {
        List<String> args = new ArrayList<>(List.of("check", device, "--json", "--credentials",
                hub.credentialsFile().toString(), "--mqtt-url", hub.mqttUrl(), "--http-url", httpUrl, "--user", INSTALLER,
                "--deadline", "10s"));
        args.addAll(List.of(more));
        return SimRun.run(ENV, args.toArray(String[]::new));
    }

    /** The broker reloads its password file asynchronously after SIGHUP: retry while it still refuses. */
    private static SimRun awaitBrokerLogin(java.util.function.Supplier<SimRun> check) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        SimRun run = check.get();
        while (run.json().path("cause").asText().equals("broker_refused_credentials") && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            run = check.get();
        }
        return run;
    }
}
