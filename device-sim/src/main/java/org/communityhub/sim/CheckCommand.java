package org.communityhub.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.contract.EventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub sim check DEVICE}: the installer's acceptance test; PASS (exit 0) or FAIL with the cause. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Installer acceptance test of one device: PASS, or FAIL with the cause.", "",
            "Connects as DEVICE with its own login, sends a heartbeat and a marked test",
            "event (id check-<epochmillis>), then asks the hub whether it was stored and the device shows online.",
            "Prints PASS, or FAIL with the cause: broker refused the credentials, device not registered,",
            "topic_mismatch (community/type in the topic differ from the registration), rejected with the hub's",
            "reason code (e.g. future_time, wrong_event_type, personal_data) and what to fix, not stored, not",
            "online, hub unreachable. Needs a hub login that may read the device (role installer or admin, to",
            "see reject reasons). Exit 0 pass, 1 fail, 3 broker or hub unreachable."},
        footerHeading = "%nEnvironment (options win):%n",
        footer = {"  HUB_MQTT_URL         broker, e.g. tcp://127.0.0.1:1883",
            "  HUB_SIM_CREDENTIALS  device credentials file (./hub device credentials --all > FILE)",
            "  HUB_HTTP_URL         the hub's HTTP address, e.g. http://127.0.0.1:8080",
            "  HUB_SIM_USER         hub login (installer or admin) that may read the device",
            "  HUB_SIM_PASSWORD     its password (never an option, so it stays out of the process list)",
            "%nExample:%n  HUB_SIM_USER=installer HUB_SIM_PASSWORD=... \\",
            "    ./hub sim check g-0001 --http-url http://127.0.0.1:8080"})
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

    @Option(names = "--event-type", paramLabel = "TYPE",
            description = "the marked test event's type (default: access.granted for a gate, fire.reset for a fire button,"
                    + " heartbeat for a camera; fire.alarm tests the alarm path and raises a real alert)")
    String eventType;

    @Option(names = "--deadline", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to wait for the hub (default: ${DEFAULT-VALUE})")
    Duration deadline;

    private UnaryOperator<String> env = System::getenv;

    /** Where secrets are read from instead of the process environment (for in-process runs). */
    public void useEnvironment(UnaryOperator<String> environment) {
        this.env = environment;
    }

    @Override
    public Integer call() throws Exception {
        DeviceCredentials device = device();
        String testType = eventType == null ? InstallerCheck.checkEventType(device.type()) : eventType;
        if (EventType.fromCode(testType).isEmpty()) {
            throw new SimUsageException("--event-type must be an event type of CONTRACT §4, e.g. access.granted or fire.alarm,"
                    + " was '" + testType + "'");
        }
        if (httpUrl == null || httpUrl.isBlank()) {
            throw new SimUsageException("no hub address: set HUB_HTTP_URL or pass --http-url http://HOST:PORT");
        }
        String hubPassword = env.apply("HUB_SIM_PASSWORD");
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
        InstallerCheck.Result result = new InstallerCheck(common.mqttUrl(), hub, deadline, log).run(device, testType);
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
                DeviceType deviceType = DeviceType.of(type.strip().toLowerCase(Locale.ROOT));
                return new DeviceCredentials(code, password, community, deviceType, null, null);
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
