package org.communityhub.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub sim check DEVICE}: the installer's acceptance test; PASS (exit 0) or FAIL with the cause. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Installer acceptance test of one device: PASS, or FAIL with the cause.", "",
            "Connects as DEVICE with its own login, sends a heartbeat and a marked test",
            "event (id check-<epochmillis>), then asks the hub whether it was stored and the device shows online.",
            "Prints PASS, or FAIL with the cause. Exit 0 pass, 1 fail, 3 broker or hub unreachable."})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "device code")
    String code;

    @Option(names = "--password", description = "the device's broker password (default: from the credentials file)",
            interactive = true, arity = "0..1")
    String password;

    @Option(names = "--community", description = "with --password: the device's community (topic segment)")
    String community;

    @Option(names = "--type", description = "with --password: gate, fire_button or camera")
    String type;

    @Option(names = "--http-url", paramLabel = "URL", defaultValue = "${env:HUB_HTTP_URL}",
            description = "the hub's HTTP address (default: $HUB_HTTP_URL)")
    String httpUrl;

    @Option(names = "--user", defaultValue = "${env:HUB_SIM_USER}",
            description = "hub login that may read this device (default: $HUB_SIM_USER; password from $HUB_SIM_PASSWORD)")
    String user;

    @Option(names = "--deadline", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to wait for the hub (default: ${DEFAULT-VALUE})")
    Duration deadline;

    @Override
    public Integer call() throws Exception {
        DeviceCredentials device = device();
        if (httpUrl == null || httpUrl.isBlank()) {
            throw new SimUsageException("no hub address: set HUB_HTTP_URL or pass --http-url http://HOST:PORT");
        }
        String hubPassword = System.getenv("HUB_SIM_PASSWORD");
        if (user == null || user.isBlank() || hubPassword == null) {
            throw new SimUsageException("no hub login: set HUB_SIM_USER and HUB_SIM_PASSWORD (a user that may read " + code
                    + ")");
        }
        PrintStream out = System.out;
        PrintStream log = common.json() ? null : out;
        if (log != null) {
            log.println("check " + device + " at " + device.place());
        }
        InstallerCheck.Hub hub = new InstallerCheck.Hub(new HubApi(httpUrl), user, hubPassword);
        InstallerCheck.Result result = new InstallerCheck(common.mqttUrl(), hub, deadline, log).run(device);
        if (common.json()) {
            out.println(EventJson.text(result.toMap(code)));
        } else {
            out.println((result.passed() ? "PASS: " : "FAIL: ") + result.message());
        }
        return result.cause().exitCode();
    }

    private DeviceCredentials device() {
        if (password != null) {
            if (community == null || type == null) {
                throw new SimUsageException("with --password also give --community and --type of " + code);
            }
            try {
                return new DeviceCredentials(code, password, community, DeviceType.fromWire(type), null, null);
            } catch (IllegalArgumentException e) {
                throw new SimUsageException(e.getMessage());
            }
        }
        return common.devices().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new SimUsageException("device " + code + " is not in the credentials file "
                        + common.credentials + "; pass --password, --community and --type, or run ./hub device credentials "
                                + code));
    }
}
