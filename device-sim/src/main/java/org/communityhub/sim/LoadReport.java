package org.communityhub.sim;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a load run: MQTT counts, stored counts (when the database was counted), losses,
 * duplicates and latency percentiles, as a table or JSON. Immutable.
 *
 * @param stored        rows in the event table for the run, or null when not counted
 * @param storedLatency publish→stored latency, or null when not counted or nothing stored
 */
public record LoadReport(String runPrefix, int devices, int pacingThreads, double targetRate, LoadRunner.Outcome outcome,
                         StoredEvents.Counts stored, StoredEvents.Latency storedLatency) {

    /** Events lost: sent minus stored (distinct) when counted, else sent minus acknowledged. */
    public long lost() {
        long sent = outcome.counters().sentCount();
        return stored == null ? sent - outcome.counters().ackedCount() : Math.max(0, sent - stored.distinct());
    }

    /** Rows stored more than once (0 when not counted). */
    public long duplicated() {
        return stored == null ? 0 : stored.duplicated();
    }

    /** Whether nothing was lost, duplicated, refused or left unacknowledged. */
    public boolean clean() {
        SendCounters c = outcome.counters();
        return lost() == 0 && duplicated() == 0 && c.refusedCount() == 0 && c.failedCount() == 0 && outcome.allAcked();
    }

    /** JSON-ready report. */
    public Map<String, Object> toMap() {
        SendCounters c = outcome.counters();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_prefix", runPrefix);
        m.put("devices", devices);
        m.put("pacing_threads", pacingThreads);
        m.put("target_rate", targetRate);
        m.put("achieved_rate", round(outcome.achievedRate()));
        m.put("seconds", round(outcome.ran().toMillis() / 1000.0));
        m.putAll(c.toMap());
        m.put("stored", stored == null ? null : stored.distinct());
        m.put("stored_rows", stored == null ? null : stored.rows());
        m.put("lost", lost());
        m.put("duplicated", duplicated());
        LatencyHistogram h = outcome.ackLatency();
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("p50", ms(h.percentileMicros(0.50)));
        ack.put("p95", ms(h.percentileMicros(0.95)));
        ack.put("p99", ms(h.percentileMicros(0.99)));
        ack.put("max", ms(h.maxMicros()));
        m.put("puback_latency_ms", ack);
        if (storedLatency != null) {
            m.put("stored_latency_ms", Map.of("p50", round(storedLatency.p50()), "p95", round(storedLatency.p95()),
                    "p99", round(storedLatency.p99()), "max", round(storedLatency.max())));
        } else {
            m.put("stored_latency_ms", null);
        }
        m.put("ok", clean());
        return m;
    }

    /** The human-readable table. */
    public void print(PrintStream out) {
        SendCounters c = outcome.counters();
        out.printf("load: %ds at %s/s target (%.1f/s achieved), %d devices, %d pacing threads, run prefix %s%n",
                outcome.ran().toSeconds(), FleetRunner.trim(targetRate), outcome.achievedRate(), devices, pacingThreads,
                        runPrefix);
        row(out, "sent", Long.toString(c.sentCount()), "");
        row(out, "acked", Long.toString(c.ackedCount()), "PUBACK received");
        if (c.refusedCount() + c.failedCount() > 0) {
            row(out, "refused", Long.toString(c.refusedCount()), "PUBACK reason >= 0x80");
            row(out, "failed", Long.toString(c.failedCount()), "no PUBACK (connection lost, re-sending gave up)");
        }
        if (c.resentCount() + c.unroutedCount() > 0) {
            row(out, "resent", Long.toString(c.resentCount()), "published again after a failure (same id)");
            row(out, "unrouted", Long.toString(c.unroutedCount()), "acked, but no subscriber (PUBACK 0x10)");
        }
        row(out, "stored", stored == null ? "-" : Long.toString(stored.distinct()),
                stored == null ? "not counted (no database given)" : "distinct rows in " + EventTableSql.TABLE);
        row(out, "lost", Long.toString(lost()), stored == null ? "sent - acked" : "sent - stored");
        row(out, "duplicated", stored == null ? "-" : Long.toString(duplicated()), "rows - distinct");
        LatencyHistogram h = outcome.ackLatency();
        row(out, "publish→PUBACK", String.format("p50 %s  p95 %s  p99 %s  max %s ms", ms(h.percentileMicros(0.5)),
                ms(h.percentileMicros(0.95)), ms(h.percentileMicros(0.99)), ms(h.maxMicros())), "");
        if (storedLatency != null) {
            row(out, "publish→stored", String.format("p50 %s  p95 %s  p99 %s  max %s ms", round(storedLatency.p50()),
                    round(storedLatency.p95()), round(storedLatency.p99()), round(storedLatency.max())), "");
        }
        out.println(clean() ? "OK: nothing lost or duplicated" : "FAILED: events lost, duplicated or unacknowledged");
    }

    private static void row(PrintStream out, String name, String value, String note) {
        out.printf("  %-16s %-12s %s%n", name, value, note).flush();
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
