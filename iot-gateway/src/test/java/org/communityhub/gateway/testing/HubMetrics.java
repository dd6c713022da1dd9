package org.communityhub.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hub's {@code /metrics} (Prometheus text) read by a test: one value now, or the peaks of a
 * background sampling. Uses its own HTTP client, so it does not compete with the traffic under
 * test for that client's threads. Thread-safe.
 */
public final class HubMetrics {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    public HubMetrics(String baseUrl) {
        this.uri = URI.create(baseUrl + "/metrics");
    }

    /** The current value of the unlabelled metric {@code name}; fails when the hub does not report it. */
    public long value(String name) {
        return read(scrape(), name);
    }

    private String scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new AssertionError("/metrics unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Samples {@code hub_stream_connections} and {@code jvm_heap_used_bytes} every {@code period} on
     * a daemon thread until {@link Sampler#stop()}, or by itself after {@code atMost}.
     */
    public Sampler sample(Duration period, Duration atMost) {
        Sampler s = new Sampler(period, atMost);
        Thread t = new Thread(s::loop, "metrics-sampler");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The highest readings of a sampling, and how many samples it took. */
    public record Peaks(long connections, long heapUsed, int samples) {
    }

    /** A running sampling. */
    public final class Sampler {
        private final Duration period;
        private final long deadline;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final CompletableFuture<Peaks> result = new CompletableFuture<>();

        private Sampler(Duration period, Duration atMost) {
            this.period = period;
            this.deadline = System.nanoTime() + atMost.toNanos();
        }

        private void loop() {
            long connections = 0;
            long heap = 0;
            int samples = 0;
            try {
                while (!stopped.get() && System.nanoTime() < deadline) {
                    String text = scrape();
                    connections = Math.max(connections, read(text, "hub_stream_connections"));
                    heap = Math.max(heap, read(text, "jvm_heap_used_bytes"));
                    samples++;
                    Thread.sleep(period.toMillis());
                }
                result.complete(new Peaks(connections, heap, samples));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        }

        /** Stops sampling and returns the peaks; fails if a sample failed. */
        public Peaks stop() throws Exception {
            stopped.set(true);
            return result.get(30, TimeUnit.SECONDS);
        }
    }

    private static long read(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError("/metrics has no " + name);
    }
}
