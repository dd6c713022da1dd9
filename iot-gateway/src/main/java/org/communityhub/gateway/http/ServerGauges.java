package org.communityhub.gateway.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The gauges of this process that the intake does not record, bound to the hub's Prometheus registry
 * and read at every scrape: the intake backlog ({@code hub_ingest_backlog}), stream connections
 * holding a slot ({@code hub_stream_connections}) and the JVM heap from the {@link MemoryMXBean}
 * ({@code jvm_heap_used_bytes}, {@code jvm_heap_committed_bytes}, {@code jvm_heap_max_bytes}; max is
 * -1 when the JVM has no limit). {@link #scrape()} renders the whole registry (these, the intake's
 * meters, Vert.x's HTTP server and pool meters) in Prometheus text format 0.0.4: a few hundred lines,
 * 0.1 to 1 ms of CPU (0.8 ms for 276 lines measured on the busy 2-core build machine), so callers run
 * it on a worker thread. Gauges cost nothing until scraped. Thread-safe.
 */
final class ServerGauges {

    /** What {@link #scrape} renders: Prometheus text format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    /**
     * @param registry the hub's registry; it must be a {@link PrometheusMeterRegistry} (what
     *                 {@code HubApplication} builds), else {@link IllegalArgumentException}
     */
    ServerGauges(MeterRegistry registry, IntSupplier backlog, IntSupplier streamConnections) {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalArgumentException("/metrics needs a PrometheusMeterRegistry, not " + registry);
        }
        this.registry = prometheus;
        gauge("hub.ingest.backlog", "Messages received and waiting for a batch", backlog, IntSupplier::getAsInt);
        gauge("hub.stream.connections", "Stream WebSocket connections open or being opened", streamConnections,
                IntSupplier::getAsInt);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        gauge("jvm.heap.used.bytes", "Heap in use, live and not yet collected", memory,
                m -> m.getHeapMemoryUsage().getUsed());
        gauge("jvm.heap.committed.bytes", "Heap the JVM has reserved from the system", memory,
                m -> m.getHeapMemoryUsage().getCommitted());
        gauge("jvm.heap.max.bytes", "The largest the heap may grow (-1: no limit)", memory,
                m -> m.getHeapMemoryUsage().getMax());
    }

    private <T> void gauge(String name, String help, T source, ToDoubleFunction<T> read) {
        Gauge.builder(name, source, read).description(help).strongReference(true).register(registry);
    }

    /** Every meter of the registry in Prometheus text format 0.0.4. */
    String scrape() {
        return registry.scrape();
    }

    /**
     * Only the series of the metric families named (Prometheus names, e.g. {@code jvm_heap_used_bytes}; a
     * histogram's family name covers its {@code _count}, {@code _sum} and {@code _bucket} lines), as a Prometheus
     * scraper asks with {@code ?name[]=}: the registry skips the other meters before collecting them, so a sampler
     * that wants one gauge does not pay for every timer's percentiles (a whole scrape at 10,000 events/s took about
     * 5 % of the hub's CPU samples when {@code bench/run ingest} read the heap each second). Empty: everything.
     */
    String scrape(Set<String> names) {
        if (names.isEmpty()) {
            return scrape();
        }
        return registry.scrape(CONTENT_TYPE, names);
    }
}
