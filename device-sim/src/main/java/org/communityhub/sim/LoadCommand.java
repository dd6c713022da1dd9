package org.communityhub.sim;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.communityhub.contract.DeviceCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hub sim load}: a steady event rate from many devices, then sent / acked / stored / lost / latency. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Sustained load at a steady rate; reports sent, acked, stored, lost, duplicated, latency.", "",
            "Publishes a steady total rate from the first N devices of the credentials file (each its own login),",
            "waits for PUBACKs, counts the run's events stored in PostgreSQL (by run prefix) and reports",
            "sent, acked, stored, lost, duplicated and latency percentiles. Exit 1 when anything was lost or duplicated.",
            "Each device costs about 0.6 MB of heap and 3 threads; use --devices for a subset."},
        footerHeading = "%nEnvironment (options win):%n",
        footer = {"  HUB_MQTT_URL         broker, e.g. tcp://127.0.0.1:1883",
            "  HUB_SIM_CREDENTIALS  device credentials file (./hub device credentials --all > FILE)",
            "  HUB_DB_URL           hub database (JDBC URL) where stored events are counted; without it, use --no-db",
            "  HUB_DB_USER          its user",
            "  HUB_DB_PASSWORD      its password (never an option)",
            "  JAVA_TOOL_OPTIONS    JVM options, e.g. -Xmx1g for thousands of devices"})
public final class LoadCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--rate", required = true, paramLabel = "R", description = "events per second, all devices together")
    double rate;

    @Option(names = "--devices", paramLabel = "N", description = "use the first N devices (default: all in the file)")
    Integer deviceCount;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long to publish (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--connections", paramLabel = "K",
            description = "pacing threads driving the devices' connections (default: min(N, 4)); each device always has its "
                    + "own connection and login")
    Integer connections;

    @Option(names = "--inflight", defaultValue = "100",
            description = "unacknowledged publishes per device (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--drain", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "after the run, wait this long for PUBACKs and for stored to reach acked (default: ${DEFAULT-VALUE})")
    Duration drain;

    @Option(names = "--resend-within", paramLabel = "D", defaultValue = "60s", converter = DurationConverter.class,
            description = "re-send an event whose publish failed (same id, after reconnecting) until this long after its "
                    + "first send (default: ${DEFAULT-VALUE})")
    Duration resendWithin;

    @Option(names = "--db-url", paramLabel = "JDBC", defaultValue = "${env:HUB_DB_URL}",
            description = "hub database to count stored events in (default: $HUB_DB_URL; password from $HUB_DB_PASSWORD)")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:HUB_DB_USER}", description = "database user (default: $HUB_DB_USER)")
    String dbUser;

    @Option(names = "--no-db", description = "do not count stored events (only sent and acked)")
    boolean noDb;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    private UnaryOperator<String> env = System::getenv;

    /** Where the database password is read from instead of the process environment (for in-process runs). */
    public void useEnvironment(UnaryOperator<String> environment) {
        this.env = environment;
    }

    @Override
    public Integer call() throws Exception {
        List<DeviceCredentials> devices = validate();
        String url = common.mqttUrl();
        int k = connections == null ? Math.min(devices.size(), 4) : connections;
        EventFactory events = new EventFactory(EventIds.newRun("ld"), Clock.systemUTC(), new Random());
        String prefix = events.ids().prefix();
        boolean countStored = !noDb && dbUrl != null && !dbUrl.isBlank();
        try (StoredEvents db = countStored ? new StoredEvents(dbUrl, dbUser, env.apply("HUB_DB_PASSWORD")) : null) {
            if (!quiet) {
                System.err.printf("load: %d devices, %s/s for %ds, run prefix %s%s%n", devices.size(), FleetRunner.trim(rate),
                        duration.toSeconds(), prefix, countStored ? "" : " (stored events not counted: no database)");
            }
            LoadRunner.Settings settings = new LoadRunner.Settings(url, rate, duration, k, inFlight, drain, 60,
                    resendWithin);
            LoadRunner.Outcome outcome = new LoadRunner(devices, settings, events, quiet ? null : ProgressLine.stderr()).run();
            StoredEvents.Counts stored = db == null ? null : awaitStored(db, prefix, outcome.counters().ackedCount());
            StoredEvents.Latency latency = db == null ? null : db.latency(prefix);
            LoadReport report = new LoadReport(prefix, devices.size(), k, rate, outcome, stored, latency);
            if (common.json()) {
                System.out.println(EventJson.text(report.toMap()));
            } else {
                report.print(System.out);
            }
            return report.clean() ? SimCommand.OK : SimCommand.FAILED;
        }
    }

    private List<DeviceCredentials> validate() {
        if (!(rate > 0 && rate <= 1_000_000)) {
            throw new SimUsageException("--rate must be > 0 and <= 1000000 events per second, was " + FleetRunner.trim(rate));
        }
        if (connections != null && connections < 1) {
            throw new SimUsageException("--connections must be at least 1, was " + connections);
        }
        if (inFlight < 1 || inFlight > 65535) {
            throw new SimUsageException("--inflight must be 1..65535, was " + inFlight);
        }
        if (deviceCount != null && deviceCount < 1) {
            throw new SimUsageException("--devices must be at least 1, was " + deviceCount);
        }
        List<DeviceCredentials> all = common.devices();
        if (deviceCount != null && deviceCount > all.size()) {
            throw new SimUsageException("--devices " + deviceCount + " but the credentials file lists only " + all.size());
        }
        return deviceCount == null ? all : all.subList(0, deviceCount);
    }

    private StoredEvents.Counts awaitStored(StoredEvents db, String prefix, long acked) throws SQLException,
            InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        StoredEvents.Counts counts = db.count(prefix);
        while (counts.distinct() < acked && System.nanoTime() < deadline) {
            Thread.sleep(250);
            counts = db.count(prefix);
        }
        return counts;
    }
}
