package org.communityhub.gateway.http;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.function.IntSupplier;

/**
 * The gauges of this process that are not about the intake, in Prometheus text format: stream
 * connections holding a slot ({@code hub_stream_connections}) and the JVM heap from the
 * {@link MemoryMXBean} ({@code jvm_heap_used_bytes}, {@code jvm_heap_committed_bytes},
 * {@code jvm_heap_max_bytes}; max is -1 when the JVM has no limit). Thread-safe; a rendering reads
 * one counter and the heap pools' sizes, a few microseconds, so it may run on the event loop.
 */
final class ServerGauges {

    private final IntSupplier streamConnections;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    ServerGauges(IntSupplier streamConnections) {
        this.streamConnections = streamConnections;
    }

    /** Appends the gauges to {@code out} and returns it. */
    StringBuilder render(StringBuilder out) {
        gauge(out, "hub_stream_connections", "Stream WebSocket connections open or being opened",
                streamConnections.getAsInt());
        MemoryUsage heap = memory.getHeapMemoryUsage();
        gauge(out, "jvm_heap_used_bytes", "Heap in use, live and not yet collected", heap.getUsed());
        gauge(out, "jvm_heap_committed_bytes", "Heap the JVM has reserved from the system", heap.getCommitted());
        gauge(out, "jvm_heap_max_bytes", "The largest the heap may grow (-1: no limit)", heap.getMax());
        return out;
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
