package org.communityhub.gateway.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.communityhub.gateway.event.RejectReason;
import org.communityhub.gateway.event.Rejection;

/**
 * Counters for the intake, rendered in Prometheus text format. Lock-free ({@link LongAdder});
 * safe to update from every worker and read from the HTTP thread.
 */
public final class IngestMetrics {

    private static final long[] LATENCY_BUCKETS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000};

    private final LongAdder received = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder statuses = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchItems = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BUCKETS_MS.length + 1];
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

    public IngestMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    void received() {
        received.increment();
    }

    void storeFailure() {
        storeFailures.increment();
    }

    void committed(IngestBatch batch, BatchResult result, long nanos) {
        stored.add(result.stored());
        duplicates.add(result.duplicates());
        alerts.add(result.alerts());
        statuses.add(batch.statuses().size());
        for (Rejection r : batch.rejections()) {
            rejected.get(r.reason()).increment();
        }
        batches.increment();
        batchItems.add(batch.size());
        commitNanos.add(nanos);
        long ms = nanos / 1_000_000;
        int i = 0;
        while (i < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[i]) {
            i++;
        }
        latencyBuckets[i].increment();
    }

    public long storedCount() {
        return stored.sum();
    }

    /** The metrics in Prometheus text exposition format; {@code backlog} is the current queue depth. */
    public String renderPrometheus(int backlog) {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "hub_messages_received_total", "Messages taken from the broker", received.sum());
        counter(out, "hub_events_stored_total", "Events newly stored", stored.sum());
        counter(out, "hub_events_duplicate_total", "Redelivered or re-sent events stored before", duplicates.sum());
        counter(out, "hub_status_messages_total", "Device status messages", statuses.sum());
        counter(out, "hub_alert_changes_total", "Alerts opened or folded by ingestion", alerts.sum());
        counter(out, "hub_store_failures_total", "Batch writes that failed and were retried", storeFailures.sum());
        out.append("# HELP hub_events_rejected_total Messages rejected, by reason\n");
        out.append("# TYPE hub_events_rejected_total counter\n");
        rejected.forEach((reason, n) -> out.append("hub_events_rejected_total{reason=\"").append(reason.code())
                .append("\"} ").append(n.sum()).append('\n'));
        counter(out, "hub_batches_total", "Committed batches", batches.sum());
        counter(out, "hub_batch_items_total", "Messages in committed batches (divide by batches for size)",
                batchItems.sum());
        out.append("# HELP hub_commit_seconds Batch write and commit latency\n# TYPE hub_commit_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
            cumulative += latencyBuckets[i].sum();
            out.append("hub_commit_seconds_bucket{le=\"").append(LATENCY_BUCKETS_MS[i] / 1000.0).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += latencyBuckets[LATENCY_BUCKETS_MS.length].sum();
        out.append("hub_commit_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append("hub_commit_seconds_sum ").append(commitNanos.sum() / 1e9).append('\n');
        out.append("hub_commit_seconds_count ").append(batches.sum()).append('\n');
        out.append("# HELP hub_ingest_backlog Messages received and waiting for a batch\n# TYPE hub_ingest_backlog gauge\n");
        out.append("hub_ingest_backlog ").append(backlog).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
