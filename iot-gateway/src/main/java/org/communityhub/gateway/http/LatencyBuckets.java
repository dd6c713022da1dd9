package org.communityhub.gateway.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Fixed latency buckets ({@code _bucket{le="0.001" … "1.0"}}) on the timers that split a request's time
 * into its queues: HTTP response time ({@code vertx_http_server_response_time}), time waiting in a worker
 * pool's queue and on its thread ({@code vertx_pool_queue_time}, {@code vertx_pool_usage}), waiting for a
 * pooled connection and holding it ({@code hikaricp_connections_acquire}, {@code hikaricp_connections_usage}).
 * With them, {@code /metrics} shows how many requests spent more than e.g. 20 ms in each stage, which
 * load on the machine does not blur the way a single end-to-end figure does ({@code bench/run geo}
 * prints the split). Cost: ten more counters per timer series, one increment per recorded duration.
 * Apply before any of those meters is registered. Thread-safe (Micrometer's filters are).
 */
public final class LatencyBuckets {

    private static final Duration[] BOUNDS = {millis(1), millis(2), millis(5), millis(10), millis(20), millis(50),
        millis(100), millis(200), millis(500), millis(1000)};

    private LatencyBuckets() {
    }

    /** Adds the buckets to {@code registry}'s queue timers. */
    public static void apply(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !queueTimer(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos()).build().merge(config);
            }
        });
    }

    static boolean queueTimer(String name) {
        return name.equals("vertx.http.server.response.time") || name.equals("vertx.pool.queue.time")
                || name.equals("vertx.pool.usage") || name.equals("hikaricp.connections.acquire")
                || name.equals("hikaricp.connections.usage");
    }

    private static double[] nanos() {
        double[] n = new double[BOUNDS.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = BOUNDS[i].toNanos();
        }
        return n;
    }

    private static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }
}
