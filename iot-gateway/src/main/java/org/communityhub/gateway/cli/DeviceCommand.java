package org.communityhub.gateway.cli;

import java.util.concurrent.Callable;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.geo.postgis.PostgisDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hub device credentials CODE [--rotate]} prints {@code username=… password=…} (plus the
 * device's community and type, for the simulator); {@code --all} prints one line per device.
 * {@code ./hub} then installs the logins into the private broker. A retired device has no login:
 * {@code credentials CODE} then exits with {@link #RETIRED} (the launcher removes its login from the
 * private broker) and {@code --all} leaves it out.
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
            try (PostgisDatabase db = HubDatabases.openDatabase(HubConfigLoader.forTools(System.getenv()))) {
                PostgisDeviceCredentials creds = new PostgisDeviceCredentials(db.dataSource(),
                        new InstallationSecrets(db.dataSource()).getOrCreate(InstallationSecrets.DEVICE_KEY));
                if (which.all) {
                    creds.all().forEach(c -> System.out.println(c.line()));
                    return 0;
                }
                if (creds.retired(which.code)) {
                    System.err.println("hub: device '" + which.code + "' is retired: it has no broker login (./hub "
                            + "removes it from the private broker; remove it from any other broker) and the hub rejects "
                            + "its events as device_retired");
                    return RETIRED;
                }
                var c = creds.get(which.code, rotate).orElseThrow(() ->
                        new IllegalArgumentException("device '" + which.code + "' is not registered"));
                System.out.println(c.line());
                return 0;
            }
        }
    }
}
