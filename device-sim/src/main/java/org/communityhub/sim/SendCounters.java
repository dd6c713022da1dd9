package org.communityhub.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened to published events: sent, acknowledged, refused by the broker (PUBACK
 * reason ≥ 0x80), failed (no PUBACK: connection lost, timeout) and skipped (device offline or its
 * in-flight window full). Thread-safe; O(1) per update.
 */
public final class SendCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();

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
        return m;
    }

    @Override
    public String toString() {
        return String.format("sent %d  acked %d  refused %d  failed %d  skipped %d",
                sentCount(), ackedCount(), refusedCount(), failedCount(), skippedCount());
    }
}
