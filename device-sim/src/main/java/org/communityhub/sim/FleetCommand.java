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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hub sim fleet}: every device of the credentials file, with daily rhythms, until stopped. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Runs the whole fleet with daily rhythms until --duration or SIGINT/SIGTERM.", "",
            "Every device of the credentials file connects with its own login; realistic daily rhythms:",
            "gate traffic peaking 7-9 h and 17-20 h (Asia/Shanghai, compressed by --speed), heartbeats, rare faults and alarms.",
            "Runs until --duration or SIGINT/SIGTERM; then every device publishes 'offline' and disconnects."})
public final class FleetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--community", paramLabel = "C", description = "only the devices of this community")
    String community;

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
        List<DeviceCredentials> devices = common.devices().stream()
                .filter(d -> community == null || d.community().equals(community)).toList();
        if (devices.isEmpty()) {
            throw new SimUsageException("no device of community " + community + " in the credentials file");
        }
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
                System.err.printf("fleet: %d devices, speed x%s, events prefixed %s-%n", devices.size(),
                        FleetRunner.trim(speed), events.ids().prefix());
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
