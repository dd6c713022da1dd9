package org.communityhub.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.communityhub.contract.DeviceCredentials;

/**
 * Runs a whole fleet: every device connects with its own login and then produces events following
 * {@link FleetBehaviour} in compressed simulated time, plus a heartbeat every simulated minute (by
 * default), until the duration ends or {@code stop} is counted down; then each device publishes
 * {@code offline} and disconnects. All timing runs on one shared {@link PahoExecutor}; publishing never
 * blocks (a full in-flight window or a disconnected device counts as skipped). One run per instance.
 */
public final class FleetRunner {

    /** Never plan further ahead than this many simulated seconds, so rhythm changes are followed. */
    static final double MAX_GAP_SIM_SECONDS = 900;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** How the fleet runs. */
    public record Settings(String mqttUrl, double speed, LocalTime startAt, Duration duration,
                           double heartbeatSimSeconds, int keepAliveSeconds, int connectParallelism) {
    }

    /** What the run did. */
    public record Summary(int devices, int connected, List<ConnectFailure> connectFailures, SendCounters counters,
                          Duration ran, Map<String, Long> byType) {
    }

    private final List<DeviceCredentials> devices;
    private final Settings settings;
    private final EventFactory events;
    private final ProgressLine progress;
    private final Random random = new Random();
    private final SendCounters counters = new SendCounters();
    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
    private final List<DeviceClient> clients = new CopyOnWriteArrayList<>();
    private final List<ConnectFailure> failures = new CopyOnWriteArrayList<>();
    private final PahoExecutor executor = new PahoExecutor(4);
    private volatile boolean stopping;
    private SimClock clock;

    /** @param progress where the progress line goes, or null for none */
    public FleetRunner(List<DeviceCredentials> devices, Settings settings, EventFactory events, ProgressLine progress) {
        this.devices = List.copyOf(devices);
        this.settings = settings;
        this.events = events;
        this.progress = progress;
    }

    /**
     * Connects the fleet and runs it until the duration ends or {@code stop} reaches zero.
     *
     * @throws ConnectFailure when not a single device could connect (the first failure)
     */
    public Summary run(CountDownLatch stop) throws ConnectFailure, InterruptedException {
        long started = System.nanoTime();
        try {
            connectAll(stop);
            if (clients.isEmpty()) {
                throw failures.isEmpty() ? new ConnectFailure("-", ConnectFailure.Kind.OTHER, "no device connected", null)
                        : failures.get(0);
            }
            clock = new SimClock(Clock.systemUTC(), settings.startAt(), settings.speed());
            for (DeviceClient c : clients) {
                scheduleActivity(c);
                long period = clock.realMillis(settings.heartbeatSimSeconds());
                executor.scheduleAtFixedRate(() -> emit(c, "heartbeat"), (long) (random.nextDouble() * period), period,
                        TimeUnit.MILLISECONDS);
            }
            if (progress != null) {
                executor.scheduleAtFixedRate(this::printProgress, 2, 2, TimeUnit.SECONDS);
            }
            if (settings.duration() == null) {
                stop.await();
            } else {
                stop.await(settings.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            stopping = true;
            if (progress != null) {
                progress.endLine();
            }
            closeAll();
            executor.shutdownNow();
        }
        Map<String, Long> types = new TreeMap<>();
        byType.forEach((k, v) -> types.put(k, v.sum()));
        return new Summary(devices.size(), clients.size(), List.copyOf(failures), counters,
                Duration.ofNanos(System.nanoTime() - started), types);
    }

    private void connectAll(CountDownLatch stop) throws InterruptedException {
        Semaphore slots = new Semaphore(Math.max(1, settings.connectParallelism()));
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (DeviceCredentials d : devices) {
            if (stop.getCount() == 0) {
                break;
            }
            slots.acquire();
            DeviceClient client;
            try {
                client = new DeviceClient(d, DeviceClient.clientId(d, null), settings.mqttUrl(), executor,
                        settings.keepAliveSeconds(), 64);
            } catch (ConnectFailure e) {
                slots.release();
                failures.add(e);
                continue;
            }
            pending.add(client.connect(true).handle((ok, err) -> {
                slots.release();
                if (err == null) {
                    clients.add(client);
                } else {
                    failures.add(err instanceof ConnectFailure cf ? cf : ConnectFailure.of(d.code(), settings.mqttUrl(), err));
                    client.close();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
        if (progress != null) {
            progress.println(String.format("fleet: %d of %d devices connected%s", clients.size(), devices.size(),
                    failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
            failures.stream().limit(5).forEach(f -> progress.println("  " + f.getMessage()));
        }
    }

    private void scheduleActivity(DeviceClient c) {
        if (stopping) {
            return;
        }
        Map<String, Double> rates = FleetBehaviour.ratesPerHour(c.device().type(), clock.hourOfDay());
        double gap = FleetBehaviour.nextGapSeconds(FleetBehaviour.totalPerHour(rates), random);
        if (gap > MAX_GAP_SIM_SECONDS) {
            executor.schedule(() -> scheduleActivity(c), clock.realMillis(MAX_GAP_SIM_SECONDS), TimeUnit.MILLISECONDS);
            return;
        }
        executor.schedule(() -> {
            String type = FleetBehaviour.pick(rates, random);
            emit(c, type);
            if ("fire.alarm".equals(type)) {
                executor.schedule(() -> emit(c, "fire.reset"), clock.realMillis(120), TimeUnit.MILLISECONDS);
            }
            scheduleActivity(c);
        }, clock.realMillis(gap), TimeUnit.MILLISECONDS);
    }

    private void emit(DeviceClient c, String type) {
        if (stopping) {
            return;
        }
        if (!c.isConnected()) {
            counters.skipped();
            return;
        }
        SimEvent event = events.random(c.device().code(), type);
        CompletableFuture<DeviceClient.Ack> acked = c.tryPublish(c.device().eventTopic(), EventJson.payload(event));
        if (acked == null) {
            counters.skipped();
            return;
        }
        counters.sent();
        byType.computeIfAbsent(type, t -> new LongAdder()).increment();
        acked.whenComplete(counters::outcome);
    }

    private void printProgress() {
        long online = clients.stream().filter(DeviceClient::isConnected).count();
        progress.update(String.format("fleet: %d/%d online | sim %s x%s | %s", online, devices.size(), HH_MM.format(clock.now()),
                trim(settings.speed()), counters));
    }

    private void closeAll() throws InterruptedException {
        ExecutorService closers = Executors.newFixedThreadPool(16);
        for (DeviceClient c : clients) {
            closers.execute(() -> c.closeGracefully(true, 5000));
        }
        closers.shutdown();
        if (!closers.awaitTermination(60, TimeUnit.SECONDS)) {
            closers.shutdownNow();
        }
    }

    static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
