package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.sim.testing.HubSubscriber;
import org.communityhub.sim.testing.HubSubscriber.Received;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.sim.testing.TestDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installer check's broker half against the real Mosquitto. (Its hub half, PASS and the reject
 * causes, needs the running gateway and is tested there.)
 */
class CheckIT {

    private static TestDevices devices;

    @BeforeAll
    static void createLogins() throws Exception {
        devices = new TestDevices();
    }

    @AfterAll
    static void removeLogins() {
        devices.remove();
    }

    @Test
    void aWrongPasswordFailsAsRefusedCredentialsWithExitCode1() throws Exception {
        DeviceCredentials wrong = new DeviceCredentials(devices.gate.code(), "not-the-password", devices.community,
                DeviceType.GATE, null, null);
        InstallerCheck.Result result = check(closedPortUrl()).run(wrong);
        assertThat(result.cause()).isEqualTo(InstallerCheck.Cause.BROKER_REFUSED_CREDENTIALS);
        assertThat(result.cause().exitCode()).isEqualTo(1);
        assertThat(result.message()).contains("refused the credentials of device " + devices.gate.code());
    }

    @Test
    void theCheckSendsAHeartbeatAndAMarkedTestEventThenReportsAnUnreachableHub() throws Exception {
        try (HubSubscriber hub = new HubSubscriber(devices.filter())) {
            InstallerCheck.Result result = check(closedPortUrl()).run(devices.gate);
            assertThat(result.cause()).isEqualTo(InstallerCheck.Cause.HUB_UNREACHABLE);
            assertThat(result.cause().exitCode()).isEqualTo(3);
            List<Received> events = hub.await(r -> r.topic().equals(devices.gate.eventTopic()), 2, Duration.ofSeconds(10));
            JsonNode heartbeat = PayloadContract.assertValid(events.get(0).payload(), DeviceType.GATE);
            JsonNode test = PayloadContract.assertValid(events.get(1).payload(), DeviceType.GATE);
            assertThat(heartbeat.get("type").asText()).isEqualTo("heartbeat");
            assertThat(heartbeat.get("id").asText()).isEqualTo(result.eventId() + "-hb");
            assertThat(test.get("id").asText()).isEqualTo(result.eventId()).matches("check-\\d{13}");
            assertThat(test.get("type").asText()).isEqualTo("access.granted");
            assertThat(test.at("/data/method").asText()).isEqualTo("card");
            assertThat(test.at("/data/person").asText()).isEqualTo("p-installer-test");
        }
    }

    @Test
    void anUnreachableBrokerFailsWithExitCode3() throws Exception {
        InstallerCheck check = new InstallerCheck(closedPortUrl().replace("http", "tcp"),
                new InstallerCheck.Hub(new HubApi(closedPortUrl()), "u", "p"), Duration.ofSeconds(2), null);
        InstallerCheck.Result result = check.run(devices.fireButton);
        assertThat(result.cause()).isEqualTo(InstallerCheck.Cause.BROKER_UNREACHABLE);
        assertThat(result.cause().exitCode()).isEqualTo(3);
    }

    private static InstallerCheck check(String httpUrl) {
        return new InstallerCheck(HubTestServices.mqttUrl(), new InstallerCheck.Hub(new HubApi(httpUrl), "u", "p"),
                Duration.ofSeconds(2), null);
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }
}
