package org.communityhub.gateway.responders;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: claims due deliveries ({@link DeliveryStore#claim}), composes each alert's {@link Notice} (naming
 * and mentioning the people the duty roster paged, {@link PagedStaff}; a page or a fire's confirmation, by the row's
 * {@link DeliveryPurpose}) or takes a case notice's stored one, hands it to the {@link ChannelSender} (asynchronous:
 * no thread waits for a receiver) and records the outcome; a failure is retried after the {@link RetryPolicy}'s
 * backoff (a permanent refusal is not). Runs every {@code poll} and at once on {@link #wake} (an alert changed: it may
 * have opened, escalated or been confirmed). All database work runs on this worker's own thread, never on an event
 * loop; at most {@value #MAX_IN_FLIGHT} sends are outstanding, at most {@value #MAX_PER_CHANNEL} of them to one
 * channel, so a channel that never answers (each send waits for the sender's timeout) holds a few slots and the other
 * channels' deliveries go on; its other rows wait, pending, until one of its sends ends. Several workers (threads or
 * hub instances) may share one outbox: each row is leased to one of them. Cost per run: one claim query, one alert,
 * incident and paged-staff lookup per alert, purpose and tier among the claimed rows (its channels' rows, planned
 * together, are mostly claimed together and share one message), one write per outcome.
 * Thread-safe.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Longer than any send may take (the sender's timeout), so a live worker never loses its lease. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_IN_FLIGHT = 128;
    /** Sends outstanding to one channel (Vert.x's web client keeps 5 connections to a host; more would queue there). */
    public static final int MAX_PER_CHANNEL = 4;

    private final String owner;
    private final DeliveryStore store;
    private final AlertStore alerts;
    private final NoticeComposer composer;
    private final ChannelSender sender;
    private final RetryPolicy retry;
    private final PagedStaff paged;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Sends outstanding per channel id; touched on the worker's thread only. */
    private final Map<Long, Integer> perChannel = new HashMap<>();

    public DeliveryWorker(String owner, DeliveryStore store, AlertStore alerts, NoticeComposer composer,
                          ChannelSender sender, RetryPolicy retry) {
        this(owner, store, alerts, composer, sender, retry, PagedStaff.NONE);
    }

    /** @param paged who was paged for an alert at a tier (the duty roster's): each alert message mentions them */
    public DeliveryWorker(String owner, DeliveryStore store, AlertStore alerts, NoticeComposer composer,
                          ChannelSender sender, RetryPolicy retry, PagedStaff paged) {
        this.paged = paged;
        this.owner = owner;
        this.store = store;
        this.alerts = alerts;
        this.composer = composer;
        this.sender = sender;
        this.retry = retry;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-deliveries-" + owner);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every {@code poll} from now on. */
    public DeliveryWorker start(Duration poll) {
        thread.scheduleWithFixedDelay(this::wake, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs soon on the worker's thread (coalesced: many wakes before the run make one run). Never blocks. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::runOnce);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    private void runOnce() {
        queued.set(false);
        try {
            int room = MAX_IN_FLIGHT - inFlight.get();
            if (room <= 0) {
                return;
            }
            List<DeliveryClaim> claims = store.claim(owner, LEASE, room, MAX_PER_CHANNEL, Map.copyOf(perChannel));
            Map<String, Notice> composed = new HashMap<>();
            claims.forEach(c -> send(c, composed));
            if (claims.size() == room) {
                wake();
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery run failed: {}", e.toString());
        }
    }

    /**
     * @param composed the alert messages composed in this run by (alert, purpose, tier): one per alert, purpose and
     *                 tier, not per channel
     */
    private void send(DeliveryClaim claim, Map<String, Notice> composed) {
        Notice notice = claim.message();
        try {
            if (notice == null) {
                notice = composed.computeIfAbsent(claim.alertId() + "/" + claim.purpose() + "/" + claim.tier(),
                        k -> alertNotice(claim));
            }
        } catch (RuntimeException e) {
            record(claim, SendResult.failed(null, "could not compose the message: " + e.getClass().getSimpleName(),
                    false));
            return;
        }
        if (notice == null) {
            store.failed(claim, owner, SendResult.failed(null, "the alert no longer exists", false), null);
            return;
        }
        long channel = claim.target().channel().id();
        inFlight.incrementAndGet();
        perChannel.merge(channel, 1, Integer::sum);
        sender.send(claim.target(), notice, claim.deliveryKey(), claim.reached()).whenComplete((r, e) -> {
            SendResult result = e != null ? SendResult.failed(null, e.getClass().getSimpleName(), false) : r;
            try {
                thread.execute(() -> {
                    inFlight.decrementAndGet();
                    boolean wasFull = release(channel);
                    record(claim, result);
                    if (wasFull) {
                        wake();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                inFlight.decrementAndGet();
            }
        });
    }

    /** One send to {@code channel} ended; true when the channel had been at its limit (rows may wait for it). */
    private boolean release(long channel) {
        int before = perChannel.getOrDefault(channel, 1);
        if (before <= 1) {
            perChannel.remove(channel);
        } else {
            perChannel.put(channel, before - 1);
        }
        return before >= MAX_PER_CHANNEL;
    }

    /** The alert's message for the claim's purpose and tier, mentioning who was paged; null when the alert is gone. */
    private Notice alertNotice(DeliveryClaim claim) {
        Optional<Alert> alert = alerts.find(claim.alertId(), null);
        return alert.map(a -> composer.compose(a, claim.tier(), claim.purpose())
                .paging(paged.paged(claim.alertId(), claim.tier()))).orElse(null);
    }

    private void record(DeliveryClaim claim, SendResult result) {
        try {
            if (result.delivered()) {
                if (!store.delivered(claim, owner, result)) {
                    LOG.warn("delivery {} was sent but was no longer leased to this worker (lease ran out, or channel deleted)",
                            claim.id());
                }
                return;
            }
            Duration wait = retry.after(claim.attempt(), result);
            store.failed(claim, owner, result, wait);
            LOG.info("delivery {} (alert {}, tier {}, channel {}) attempt {} failed: {}{}", claim.id(), claim.alertId(),
                    claim.tier(), claim.target().channel().id(), claim.attempt(), result.error(),
                    wait == null ? "; giving up" : "; again in " + wait.toSeconds() + " s");
        } catch (RuntimeException e) {
            LOG.warn("cannot record delivery {}: {} (the lease runs out and it is tried again)", claim.id(), e.toString());
        }
    }

    /** Stops the worker; sends in flight finish unrecorded and are tried again when their lease runs out. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
