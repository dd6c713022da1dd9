package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
