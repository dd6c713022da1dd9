package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SimCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheModesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("fleet", "scenario", "check", "load", "Exit codes", "3");
    }

    @Test
    void everyModesHelpListsTheEnvironmentItReads() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("HUB_MQTT_URL", "HUB_SIM_CREDENTIALS", "HUB_HTTP_URL", "HUB_SIM_USER",
                "HUB_SIM_PASSWORD", "HUB_DB_URL", "JAVA_TOOL_OPTIONS", "0.6 MB", "--max-devices");
        java.util.Map<String, java.util.List<String>> expected = java.util.Map.of(
                "fleet", java.util.List.of("HUB_MQTT_URL", "HUB_SIM_CREDENTIALS", "JAVA_TOOL_OPTIONS", "--max-devices", "0.6 MB"),
                "scenario", java.util.List.of("HUB_MQTT_URL", "HUB_SIM_CREDENTIALS", "reset_at", "malformed"),
                "check", java.util.List.of("HUB_MQTT_URL", "HUB_SIM_CREDENTIALS", "HUB_HTTP_URL", "HUB_SIM_USER",
                        "HUB_SIM_PASSWORD", "topic_mismatch", "--event-type"),
                "load", java.util.List.of("HUB_MQTT_URL", "HUB_SIM_CREDENTIALS", "HUB_DB_URL", "HUB_DB_USER",
                        "HUB_DB_PASSWORD", "--rate"));
        expected.forEach((mode, words) -> {
            out.getBuffer().setLength(0);
            assertThat(run(mode, "--help")).as(mode).isZero();
            assertThat(out.toString()).as(mode + " --help").contains(words);
        });
    }

    @Test
    void maxDevicesSpreadsTheFleetEvenlyAndMustBePositive() {
        java.util.List<DeviceCredentials> all = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(new DeviceCredentials("d-" + i, "p", "c-" + (i % 2), DeviceType.GATE, null, "q"));
        }
        assertThat(FleetCommand.spread(all, 3)).extracting(DeviceCredentials::code).containsExactly("d-0", "d-3", "d-6");
        assertThat(FleetCommand.spread(all, 4)).extracting(DeviceCredentials::community).contains("c-0", "c-1");
        assertThat(FleetCommand.spread(all, 50)).isEqualTo(all);
        assertThat(run("fleet", "--max-devices", "0", "--mqtt-url", "tcp://127.0.0.1:1")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("--max-devices must be at least 1");
    }

    @Test
    void aBadRateIsAUsageError() {
        assertThat(run("load", "--rate", "0", "--mqtt-url", "tcp://127.0.0.1:1")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("--rate must be > 0");
    }

    @Test
    void aRateThatIsNotANumberIsAUsageError() {
        assertThat(run("load", "--rate", "fast")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("--rate").contains("fast");
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThat(run("fleet", "--duration", "soon")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void aNegativeSpeedIsAUsageError() {
        assertThat(run("fleet", "--speed", "-1", "--mqtt-url", "tcp://127.0.0.1:1")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("--speed must be > 0");
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        assertThat(run("scenario", "earthquake", "--mqtt-url", "tcp://127.0.0.1:1")).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("unknown scenario 'earthquake'", "fire, intrusion");
    }

    @Test
    void noModeIsAUsageError() {
        assertThat(run()).isEqualTo(SimCommand.USAGE);
        assertThat(run("teleport")).isEqualTo(SimCommand.USAGE);
    }

    @Test
    void aBadCredentialsFileIsAUsageErrorNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.txt"), "username=g-1 password=p community=c-1 type=gate\nnonsense\n");
        int code = run("scenario", "fire", "--credentials", file.toString(), "--mqtt-url", "tcp://127.0.0.1:1");
        assertThat(code).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("creds.txt line 2: expected key=value");
    }

    @Test
    void moreDevicesThanTheFileListsIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.txt"), "username=g-1 password=p community=c-1 type=gate\n");
        int code = run("load", "--rate", "10", "--devices", "5", "--credentials", file.toString(), "--mqtt-url",
                "tcp://127.0.0.1:1");
        assertThat(code).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("--devices 5 but the credentials file lists only 1");
    }

    @Test
    void anUnreachableBrokerIsAConnectionFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.txt"), "username=g-1 password=p community=c-1 type=gate\n");
        int code = run("scenario", "tailgating", "--credentials", file.toString(), "--mqtt-url", "tcp://127.0.0.1:1");
        assertThat(code).isEqualTo(SimCommand.CONNECTION);
        assertThat(err.toString()).contains("broker unreachable at tcp://127.0.0.1:1");
    }

    @Test
    void aScenarioNeedingAMissingDeviceTypeIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.txt"), "username=g-1 password=p community=c-1 type=gate\n");
        int code = run("scenario", "fire", "--credentials", file.toString(), "--mqtt-url", "tcp://127.0.0.1:1");
        assertThat(code).isEqualTo(SimCommand.USAGE);
        assertThat(err.toString()).contains("no fire_button device in the credentials file");
    }
}
