package org.communityhub.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;

/**
 * Sustained load at a steady total rate: N devices, each connected with its own login, driven by K
 * pacing threads (each owns every K-th device and publishes at rate/K, round-robin over its devices,
 * on a fixed schedule so short stalls are caught up). A full in-flight window blocks the pacing thread
 * (backpressure) instead of failing. Devices reconnect by themselves (1 s backoff doubling up to 60 s); an
 * event whose publish failed is re-sent with its id ({@link Resender}) until {@link Settings#resendWithin}
 * after its first send, and only then counts as failed. After the run it waits for outstanding PUBACKs and
 * re-sends. A broker that restarts (or dies) mid-run never makes it hang: a publish whose PUBACK does not come
 * fails after {@link DeviceClient#ackTimeoutMillis()} and is re-sent, a full window is waited for at most that
 * long, and pacing threads that publish nothing for {@link #STUCK_AFTER} (they never should: every wait is bounded)
 * fail the run with where they were.
 * One run per instance; counters are thread-safe.
 */
public final class LoadRunner {

    /** How long the pacing threads may go without publishing anything (beyond their interval) before the run fails. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(2);

    /**
     * How the load runs.
     *
     * @param resendWithin how long after its first send a failed event is still re-sent; zero: never
     */
    public record Settings(String mqttUrl, double rate, Duration duration, int pacingThreads, int inFlight,
                           Duration drain, int keepAliveSeconds, Duration resendWithin) {

        /** Settings that re-send failed events for up to 60 s. */
        public Settings(String mqttUrl, double rate, Duration duration, int pacingThreads, int inFlight, Duration drain,
                        int keepAliveSeconds) {
            this(mqttUrl, rate, duration, pacingThreads, inFlight, drain, keepAliveSeconds, Duration.ofSeconds(60));
        }
    }

    /** What the run did on the MQTT side. */
    public record Outcome(SendCounters counters, LatencyHistogram ackLatency, Duration ran, boolean allAcked) {
        public double achievedRate() {
            return ran.isZero() ? 0 : counters.sentCount() * 1e9 / ran.toNanos();
        }
    }

    private final List<DeviceCredentials> devices;
    private final Settings settings;
    private final EventFactory events;
    private final ProgressLine progress;
    private final SendCounters counters = new SendCounters();
    private final LatencyHistogram ackLatency = new LatencyHistogram();
    private final PahoExecutor executor = new PahoExecutor(2);
    private final List<DeviceClient> clients = new CopyOnWriteArrayList<>();
    private final Resender resender;

    /** @param progress where the progress line goes, or null */
    public LoadRunner(List<DeviceCredentials> devices, Settings settings, EventFactory events, ProgressLine progress) {
        this.devices = List.copyOf(devices);
        this.settings = settings;
        this.events = events;
        this.progress = progress;
        this.resender = new Resender(executor, counters, ackLatency, settings.resendWithin());
    }

    /** Connects every device (all must succeed), publishes for the duration and waits for PUBACKs. */
    public Outcome run() throws ConnectFailure, InterruptedException {
        try {
            connectAll();
            long start = System.nanoTime();
            long end = start + settings.duration().toNanos();
            int k = Math.min(settings.pacingThreads(), clients.size());
            List<Thread> threads = new ArrayList<>();
            CountDownLatch finished = new CountDownLatch(k);
            for (int w = 0; w < k; w++) {
                List<DeviceClient> mine = new ArrayList<>();
                for (int i = w; i < clients.size(); i += k) {
                    mine.add(clients.get(i));
                }
                Thread t = new Thread(() -> pace(mine, settings.rate() / k, start, end, finished), "sim-load-" + w);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long lastSent = -1;
            long lastProgress = System.nanoTime();
            long stuckAfter = (long) Math.min(Long.MAX_VALUE / 2, STUCK_AFTER.toNanos() + 1e9 * k / settings.rate());
            while (!finished.await(1, TimeUnit.SECONDS)) {
                showProgress(start);
                long sent = counters.sentCount();
                if (sent != lastSent) {
                    lastSent = sent;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stuckAfter) {
                    throw stuck(threads);
                }
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - start);
            long drainEnd = System.nanoTime() + settings.drain().toNanos();
            while (counters.pendingCount() > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(50);
            }
            if (progress != null) {
                progress.endLine();
            }
            return new Outcome(counters, ackLatency, ran, counters.pendingCount() == 0);
        } finally {
            for (DeviceClient c : clients) {
                c.closeGracefully(true, 5000);
            }
            executor.shutdownNow();
        }
    }

    /** The run's counters, live (they are also in the {@link Outcome}). */
    SendCounters counters() {
        return counters;
    }

    /** How many of the run's devices are connected now (0 before they connect); O(devices). */
    int connectedDevices() {
        return (int) clients.stream().filter(DeviceClient::isConnected).count();
    }

    /** Publishes that failed so far (connection lost, timeout), each one re-sent while within the deadline. */
    long failedPublishes() {
        return resender.failedPublishes();
    }

    /** Stops the pacing threads and says where the first one was. */
    private IllegalStateException stuck(List<Thread> threads) {
        Thread first = threads.stream().filter(Thread::isAlive).findFirst().orElse(threads.get(0));
        StringBuilder where = new StringBuilder();
        StackTraceElement[] stack = first.getStackTrace();
        for (int i = 0; i < Math.min(6, stack.length); i++) {
            where.append(i == 0 ? "" : " < ").append(stack[i]);
        }
        threads.forEach(Thread::interrupt);
        return new IllegalStateException("load: nothing published for " + STUCK_AFTER.toSeconds() + " s ("
                + counters + ", pending " + counters.pendingCount() + "); " + first.getName() + " at " + where);
    }

    private void connectAll() throws ConnectFailure, InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (DeviceCredentials d : devices) {
            DeviceClient c = new DeviceClient(d, DeviceClient.clientId(d, "load"), settings.mqttUrl(), executor,
                    settings.keepAliveSeconds(), settings.inFlight());
            clients.add(c);
            pending.add(c.connect(true));
        }
        for (CompletableFuture<Void> f : pending) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof ConnectFailure cf ? cf : ConnectFailure.of("?", settings.mqttUrl(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new ConnectFailure("?", ConnectFailure.Kind.UNREACHABLE, "devices did not connect within 60 s", e);
            }
        }
    }

    private void pace(List<DeviceClient> mine, double rate, long start, long end, CountDownLatch finished) {
        try {
            double intervalNanos = 1e9 / rate;
            long n = 0;
            while (true) {
                long due = start + (long) (n * intervalNanos);
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                DeviceClient c = mine.get((int) (n % mine.size()));
                publish(c);
                n++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    private void publish(DeviceClient c) throws InterruptedException {
        DeviceType type = c.device().type();
        resender.publish(c, events.random(c.device().code(), type == DeviceType.GATE ? "access.granted" : "heartbeat"));
    }

    private void showProgress(long start) {
        if (progress == null) {
            return;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        progress.update(String.format("load: %.0fs/%ds  %s  pending %d  %.0f/s", secs, settings.duration().toSeconds(),
                counters, counters.pendingCount(), counters.sentCount() / Math.max(secs, 0.001)));
    }
}
