package org.communityhub.sim;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.DeviceCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hub sim fleet}: every device of the credentials file, with daily rhythms, until stopped. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Runs the whole fleet with daily rhythms until --duration or SIGINT/SIGTERM.", "",
            "Every device of the credentials file connects with its own login; realistic daily rhythms:",
            "gate traffic peaking 7-9 h and 17-20 h (Asia/Shanghai, compressed by --speed), heartbeats, rare faults and alarms.",
            "Runs until --duration or SIGINT/SIGTERM; then every device publishes 'offline' and disconnects.", "",
            "Cost: each connected device is one MQTT connection with its own login, about 0.6 MB of heap and",
            "3 threads (Paho's I/O loops). 300 devices need ~200 MB (-Xmx256m); 3,000 need ~2 GB (-Xmx2g) and",
            "~9,000 threads, too much next to the hub and PostGIS on a 2-core machine: cap the fleet with",
            "--max-devices (./hub demo runs $HUB_SIM_MAX_DEVICES, default 300). Pass heap options via JAVA_TOOL_OPTIONS."},
        footerHeading = "%nEnvironment (options win):%n",
        footer = {"  HUB_MQTT_URL         broker, e.g. tcp://127.0.0.1:1883",
            "  HUB_SIM_CREDENTIALS  device credentials file (./hub device credentials --all > FILE)",
            "  JAVA_TOOL_OPTIONS    JVM options, e.g. -Xmx2g for a fleet of thousands"})
public final class FleetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--community", paramLabel = "C", description = "only the devices of this community")
    String community;

    @Option(names = "--max-devices", paramLabel = "N",
            description = "run at most N devices, spread evenly over the file so every community and device type keeps "
                    + "some (default: all)")
    Integer maxDevices;

    @Option(names = "--speed", defaultValue = "1", description = "simulated seconds per real second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "stop after this long, e.g. 90s, 10m, 2h (default: until SIGINT/SIGTERM)")
    Duration duration;

    @Option(names = "--start", paramLabel = "HH:MM", description = "simulated local time to start at (default: now)")
    LocalTime start;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "60",
            description = "simulated seconds between heartbeats (default: ${DEFAULT-VALUE})")
    double heartbeat;

    @Option(names = "--keepalive", paramLabel = "SECONDS", defaultValue = "60",
            description = "MQTT keep-alive (default: ${DEFAULT-VALUE})")
    int keepAlive;

    @Option(names = "--quiet", description = "no progress line; only the summary")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0 && speed <= 100_000)) {
            throw new SimUsageException("--speed must be > 0 and <= 100000, was " + speed);
        }
        if (!(heartbeat >= 1)) {
            throw new SimUsageException("--heartbeat must be at least 1 second, was " + heartbeat);
        }
        if (keepAlive < 5 || keepAlive > 65535) {
            throw new SimUsageException("--keepalive must be 5..65535 seconds, was " + keepAlive);
        }
        String url = common.mqttUrl();
        if (maxDevices != null && maxDevices < 1) {
            throw new SimUsageException("--max-devices must be at least 1, was " + maxDevices);
        }
        List<DeviceCredentials> matching = common.devices().stream()
                .filter(d -> community == null || d.community().equals(community)).toList();
        if (matching.isEmpty()) {
            throw new SimUsageException("no device of community " + community + " in the credentials file");
        }
        List<DeviceCredentials> devices = spread(matching, maxDevices == null ? matching.size() : maxDevices);
        FleetRunner.Settings settings = new FleetRunner.Settings(url, speed, start, duration, heartbeat, keepAlive, 64);
        EventFactory events = new EventFactory(EventIds.newRun("fl"), Clock.systemUTC(), new Random());
        ProgressLine progress = quiet ? null : ProgressLine.stderr();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        FleetRunner.Summary summary;
        try {
            if (!quiet) {
                System.err.printf("fleet: %d devices%s, speed x%s, events prefixed %s-%n", devices.size(),
                        devices.size() < matching.size() ? " of " + matching.size() + " (--max-devices)" : "",
                        FleetRunner.trim(speed), events.ids().prefix());
                warnIfTooBig(devices.size());
            }
            summary = new FleetRunner(devices, settings, events, progress).run(stop);
        } finally {
            done.countDown();
        }
        print(summary, System.out);
        boolean clean = summary.connectFailures().isEmpty() && summary.counters().refusedCount() == 0
                && summary.counters().failedCount() == 0;
        return clean ? SimCommand.OK : SimCommand.FAILED;
    }

    /** At most {@code max} devices, taken evenly over the list (every k-th), in list order. */
    static List<DeviceCredentials> spread(List<DeviceCredentials> all, int max) {
        if (max >= all.size()) {
            return all;
        }
        List<DeviceCredentials> out = new java.util.ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return out;
    }

    /** Warns when the fleet likely needs more heap than the JVM has (about 0.6 MB per device). */
    private static void warnIfTooBig(int devices) {
        long needed = devices * 640L * 1024 + 64L * 1024 * 1024;
        long max = Runtime.getRuntime().maxMemory();
        if (needed > max) {
            System.err.printf("fleet: warning: %d devices need about %d MB of heap, the JVM has %d MB; set "
                    + "JAVA_TOOL_OPTIONS=-Xmx%dm or use --max-devices%n", devices, needed >> 20, max >> 20, (needed >> 20) + 64);
        }
    }

    private void print(FleetRunner.Summary s, PrintStream out) {
        if (common.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("devices", s.devices());
            m.put("connected", s.connected());
            m.put("connect_failures", s.connectFailures().stream().map(f -> Map.of("device", f.device(),
                    "kind", f.kind().name().toLowerCase(java.util.Locale.ROOT), "message", f.getMessage())).toList());
            m.putAll(s.counters().toMap());
            m.put("by_type", s.byType());
            m.put("seconds", s.ran().toMillis() / 1000.0);
            out.println(EventJson.text(m));
            return;
        }
        out.printf("fleet: ran %ds with %d of %d devices connected%n", s.ran().toSeconds(), s.connected(), s.devices());
        out.println("  " + s.counters());
        out.println("  by type: " + s.byType());
        s.connectFailures().stream().limit(20).forEach(f -> out.println("  connect failed: " + f.getMessage()));
    }
}
