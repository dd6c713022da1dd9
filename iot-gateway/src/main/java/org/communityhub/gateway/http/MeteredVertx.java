package org.communityhub.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;

/**
 * Builds the hub's {@link Vertx} with Vert.x's Micrometer metrics recording into the hub's registry:
 * HTTP server requests, responses and connections ({@code vertx_http_server_*}, labelled by method and
 * status code, never by path) and the worker pools ({@code vertx_pool_*}), next to the hub's own meters
 * on {@code /metrics}. Each call gets its own backend name, so two hubs in one JVM (tests) never share a
 * registry (give it {@link LatencyBuckets} first). Called once at start-up; the returned instance is
 * what {@link Vertx#vertx()} would give, plus a few adder increments per HTTP request.
 */
public final class MeteredVertx {

    private MeteredVertx() {
    }

    /** A new Vert.x whose metrics go to {@code registry}. */
    public static Vertx create(MeterRegistry registry) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true)
                .setRegistryName("hub-" + UUID.randomUUID());
        return Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
    }
}
