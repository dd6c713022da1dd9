package org.communityhub.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.event.Rejection;

/**
 * The intake's meters, a thin facade over Micrometer: every meter is registered once, in the
 * constructor, so the hot-path methods only bump them ({@link #received()} is one
 * {@code DoubleAdder} increment per message; {@link #committed} a handful per batch plus one per
 * rejection). Micrometer's Prometheus registry renders them under the names the hub has always used:
 * {@code hub_messages_received_total}, {@code hub_events_stored_total},
 * {@code hub_events_duplicate_total}, {@code hub_status_messages_total},
 * {@code hub_alert_changes_total}, {@code hub_store_failures_total},
 * {@code hub_events_rejected_total{reason}} (every reason, also at 0), {@code hub_batches_total} and
 * {@code hub_batch_items_total} (read from the {@code hub_batch_size} summary), and the
 * {@code hub_commit_seconds} histogram (buckets 1 ms … 5 s); the stage timers {@code hub_stage_seconds{lane,stage}}
 * ({@link StageTimings}). Thread-safe: any worker may record
 * while the HTTP thread scrapes.
 */
public final class IngestMetrics {

    private static final Duration[] COMMIT_BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250),
        ms(500), ms(1000), ms(5000)};
    private static final double[] BATCH_BUCKETS = {1, 10, 50, 100, 250, 500, 1000};

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter statuses;
    private final Counter alerts;
    private final Counter storeFailures;
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, StageTimings> stages = new java.util.concurrent.ConcurrentHashMap<>();

    /** Registers the intake's meters in {@code registry} (the hub's Prometheus registry). */
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = counter("hub.messages.received", "Messages taken from the broker");
        stored = counter("hub.events.stored", "Events newly stored");
        duplicates = counter("hub.events.duplicate", "Redelivered or re-sent events stored before");
        statuses = counter("hub.status.messages", "Device status messages");
        alerts = counter("hub.alert.changes", "Alerts opened or folded by ingestion");
        storeFailures = counter("hub.store.failures", "Batch writes that failed and were retried");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("hub.events.rejected").description("Messages rejected, by reason")
                    .tag("reason", r.code()).register(registry));
        }
        batchSize = DistributionSummary.builder("hub.batch.size").description("Messages per committed batch")
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        FunctionCounter.builder("hub.batches", batchSize, DistributionSummary::count)
                .description("Committed batches").register(registry);
        FunctionCounter.builder("hub.batch.items", batchSize, DistributionSummary::totalAmount)
                .description("Messages in committed batches (divide by batches for size)").register(registry);
        commit = Timer.builder("hub.commit").description("Batch write and commit latency")
                .serviceLevelObjectives(COMMIT_BUCKETS).register(registry);
    }

    private Counter counter(String name, String help) {
        return Counter.builder(name).description(help).register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** The stage timers of intake lane {@code lane} (broker, queue, write); one instance per lane. */
    public StageTimings intakeStages(String lane) {
        return stages.computeIfAbsent(lane, l -> new StageTimings(registry, l, StageTimings.INTAKE));
    }

    /** The stage timers of the alert stream (notice, lookup, send). */
    public StageTimings streamStages() {
        return stages.computeIfAbsent("stream", l -> new StageTimings(registry, l, StageTimings.STREAM));
    }

    /** The registry the meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    void received() {
        received.increment();
    }

    void storeFailure() {
        storeFailures.increment();
    }

    void committed(IngestBatch batch, BatchResult result, long nanos) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        alerts.increment(result.alerts());
        statuses.increment(batch.statuses().size());
        for (Rejection r : batch.rejections()) {
            rejected.get(r.reason()).increment();
        }
        batchSize.record(batch.size());
        commit.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Events stored since start. */
    public long storedCount() {
        return (long) stored.count();
    }
}
