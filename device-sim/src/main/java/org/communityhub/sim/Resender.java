package org.communityhub.sim;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes the load's events and, like a real device, re-sends one whose publish failed (connection lost: the
 * broker crashed and is being restarted) with the same id once its device has reconnected and has window room,
 * until a deadline after its first send; the hub stores a re-sent event once by (device, id). An event the broker
 * acknowledged with "no matching subscribers" (0x10) after that device's events had been routed before is re-sent
 * too: the hub's subscription is missing for a moment (a restarted broker does not keep shared subscriptions;
 * the hub subscribes again once it has reconnected). Re-sends wait 200 ms, doubling up to 5 s, on the timer
 * threads, never on Paho's. Each event's outcome is counted once ({@link SendCounters}), re-sends apart.
 * Thread-safe.
 */
final class Resender {

    private static final long FIRST_DELAY_MILLIS = 200;
    private static final long MAX_DELAY_MILLIS = 5000;

    private final ScheduledExecutorService timer;
    private final SendCounters counters;
    private final LatencyHistogram ackLatency;
    private final Duration within;
    private final Set<String> routed = ConcurrentHashMap.newKeySet();
    private final LongAdder failedPublishes = new LongAdder();

    /** @param within how long after its first send an event is still re-sent; zero: never */
    Resender(ScheduledExecutorService timer, SendCounters counters, LatencyHistogram ackLatency, Duration within) {
        this.timer = timer;
        this.counters = counters;
        this.ackLatency = ackLatency;
        this.within = within;
    }

    /** Publishes a new event of {@code c}'s device, waiting for window room. */
    void publish(DeviceClient c, SimEvent event) throws InterruptedException {
        counters.sent();
        long deadline = System.nanoTime() + within.toNanos();
        c.publishEvent(event).whenComplete((ack, err) -> settle(c, event, deadline, 0, ack, err));
    }

    /** Publishes (first sends and re-sends) that failed (no PUBACK: connection lost, timeout), re-sent or not. */
    long failedPublishes() {
        return failedPublishes.sum();
    }

    private void settle(DeviceClient c, SimEvent event, long deadline, int attempt, DeviceClient.Ack ack, Throwable err) {
        if (err != null) {
            failedPublishes.increment();
        }
        if (err == null && !ack.unrouted()) {
            routed.add(c.device().code());
            counted(ack);
            return;
        }
        boolean notDelivered = err != null || routed.contains(c.device().code());
        if (notDelivered && System.nanoTime() - deadline < 0 && !timer.isShutdown()) {
            later(c, event, deadline, attempt + 1);
        } else if (err != null) {
            counters.outcome(null, err);
        } else {
            counters.unrouted();
            counted(ack);
        }
    }

    private void counted(DeviceClient.Ack ack) {
        counters.outcome(ack, null);
        ackLatency.record(ack.latencyMicros());
    }

    private void later(DeviceClient c, SimEvent event, long deadline, int attempt) {
        long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(attempt - 1, 5));
        try {
            timer.schedule(() -> resend(c, event, deadline, attempt), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            counters.outcome(null, e); // the run is over
        }
    }

    private void resend(DeviceClient c, SimEvent event, long deadline, int attempt) {
        CompletableFuture<DeviceClient.Ack> again = c.isConnected()
                ? c.tryPublish(c.device().eventTopic(), EventJson.payload(event)) : null;
        if (again != null) {
            counters.resent();
            again.whenComplete((ack, err) -> settle(c, event, deadline, attempt, ack, err));
        } else if (System.nanoTime() - deadline >= 0) {
            counters.outcome(null, new IllegalStateException(c.device().code() + " did not reconnect in time"));
        } else {
            later(c, event, deadline, attempt + 1);
        }
    }
}
