package org.communityhub.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened to published events: sent, acknowledged, refused by the broker (PUBACK
 * reason ≥ 0x80), failed (no PUBACK: connection lost, timeout; in load mode only once re-sending gave up),
 * skipped (device offline or its in-flight window full) and, apart from those, re-sent (publishes of an
 * event again, same id, after its publish failed; an event may be re-sent more than once) and unrouted (acked
 * with 0x10: the broker had no subscriber, so nobody received it). Each sent event
 * ends as one of acked, refused or failed. Thread-safe; O(1) per update.
 */
public final class SendCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder unrouted = new LongAdder();

    public void sent() {
        sent.increment();
    }

    /** Records the outcome of one publish future. */
    public void outcome(DeviceClient.Ack ack, Throwable error) {
        if (error != null) {
            failed.increment();
        } else if (ack.refused()) {
            refused.increment();
        } else {
            acked.increment();
        }
    }

    public void skipped() {
        skipped.increment();
    }

    /** An event was published again after its publish failed (not a new event: {@link #sentCount} stays). */
    public void resent() {
        resent.increment();
    }

    public long resentCount() {
        return resent.sum();
    }

    /** An acked event the broker had no subscriber for (PUBACK 0x10), also counted in {@link #ackedCount}. */
    public void unrouted() {
        unrouted.increment();
    }

    public long unroutedCount() {
        return unrouted.sum();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long ackedCount() {
        return acked.sum();
    }

    public long refusedCount() {
        return refused.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public long skippedCount() {
        return skipped.sum();
    }

    /** Unanswered publishes: sent but neither acked, refused nor failed yet. */
    public long pendingCount() {
        return sentCount() - ackedCount() - refusedCount() - failedCount();
    }

    /** JSON-ready counts. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", sentCount());
        m.put("acked", ackedCount());
        m.put("refused", refusedCount());
        m.put("failed", failedCount());
        m.put("skipped", skippedCount());
        m.put("resent", resentCount());
        m.put("unrouted", unroutedCount());
        return m;
    }

    @Override
    public String toString() {
        return String.format("sent %d  acked %d  refused %d  failed %d  skipped %d  resent %d  unrouted %d",
                sentCount(), ackedCount(), refusedCount(), failedCount(), skippedCount(), resentCount(), unroutedCount());
    }
}
