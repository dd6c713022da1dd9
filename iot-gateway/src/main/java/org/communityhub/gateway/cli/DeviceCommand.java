package org.communityhub.gateway.cli;

import java.util.concurrent.Callable;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.HubDeviceLogins;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.geo.postgis.PostgisDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hub device credentials CODE [--rotate]} prints {@code username=… password=…} (plus the
 * device's community and type, for the simulator); {@code --all} prints one line per device.
 * The logins go through {@link HubDeviceLogins}, as the API's do: PostgreSQL holds them, and with
 * {@code HUB_MOSQUITTO_*} set (the launcher sets them for the private broker) the hub renders the broker's
 * files and reloads it. A retired device has no login: {@code credentials CODE} then exits with
 * {@link #RETIRED} (its login leaves the rendered files) and {@code --all} leaves it out.
 */
@Command(name = "device", description = "Device registry tools.", subcommands = DeviceCommand.Credentials.class)
final class DeviceCommand {

    /** Exit status of {@code credentials CODE} for a retired device. */
    static final int RETIRED = 3;

    @Command(name = "credentials", description = "Print a registered device's MQTT login (created on first call).")
    static final class Credentials implements Callable<Integer> {

        static final class Which {
            @Parameters(index = "0", paramLabel = "CODE")
            String code;

            @Option(names = "--all", description = "every registered device, one per line")
            boolean all;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--rotate", description = "replace the password")
        boolean rotate;

        @Override
        public Integer call() {
            HubConfig config = HubConfigLoader.forTools(System.getenv());
            try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
                HubDeviceLogins logins = HubDeviceLogins.of(config, db.dataSource());
                var creds = logins.credentials();
                if (which.all) {
                    logins.issueAll("cli");
                    creds.all().forEach(c -> System.out.println(c.line()));
                    return 0;
                }
                if (creds.retired(which.code)) {
                    logins.sync();
                    System.err.println("hub: device '" + which.code + "' is retired: it has no broker login ("
                            + (logins.rendersBroker() ? "removed from the broker's files" : "remove it from your broker")
                            + ") and the hub rejects its events as device_retired");
                    return RETIRED;
                }
                if (logins.issue(which.code, rotate, "cli").isEmpty()) {
                    throw new IllegalArgumentException("device '" + which.code + "' is not registered");
                }
                var c = creds.get(which.code, false).orElseThrow();
                System.out.println(c.line());
                return 0;
            }
        }
    }
}
