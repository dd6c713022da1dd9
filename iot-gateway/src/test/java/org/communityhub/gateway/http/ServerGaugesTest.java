package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The backlog, stream and heap gauges in Prometheus text, read fresh at every scrape. */
class ServerGaugesTest {

    private static final String NUMBER = "(-1|[1-9][0-9.]*(E[0-9]+)?)";

    @Test
    void rendersTheBacklogTheStreamConnectionsAndTheHeapAsGauges() {
        AtomicInteger open = new AtomicInteger(7);
        AtomicInteger backlog = new AtomicInteger(3);
        ServerGauges gauges = new ServerGauges(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), backlog::get,
                open::get);
        String text = gauges.scrape();
        assertThat(text).contains("# TYPE hub_ingest_backlog gauge\n").contains("\nhub_ingest_backlog 3.0\n")
                .contains("# HELP hub_stream_connections ").contains("# TYPE hub_stream_connections gauge\n")
                .contains("\nhub_stream_connections 7.0\n")
                .contains("# TYPE jvm_heap_used_bytes gauge\n").containsPattern("(?m)^jvm_heap_used_bytes " + NUMBER + "$")
                .containsPattern("(?m)^jvm_heap_committed_bytes " + NUMBER + "$")
                .containsPattern("(?m)^jvm_heap_max_bytes " + NUMBER + "$").endsWith("\n");
        open.set(0);
        backlog.set(0);
        assertThat(gauges.scrape()).contains("\nhub_stream_connections 0.0\n").contains("\nhub_ingest_backlog 0.0\n")
                .doesNotContain("hub_stream_connections 7");
    }

    @Test
    void rendersOnlyTheFamiliesAScraperNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("hub.events.stored").increment(5);
        registry.timer("hub.stage", "stage", "write").record(Duration.ofMillis(3));
        ServerGauges gauges = new ServerGauges(registry, () -> 3, () -> 7);

        String heap = gauges.scrape(Set.of("jvm_heap_used_bytes"));
        assertThat(heap).containsPattern("(?m)^jvm_heap_used_bytes " + NUMBER + "$")
                .doesNotContain("jvm_heap_max_bytes").doesNotContain("hub_ingest_backlog")
                .doesNotContain("hub_events_stored").doesNotContain("hub_stage");
        assertThat(gauges.scrape(Set.of("hub_events_stored", "hub_ingest_backlog")))
                .contains("\nhub_events_stored_total 5.0\n").contains("\nhub_ingest_backlog 3.0\n")
                .doesNotContain("jvm_heap").doesNotContain("hub_stage");
        assertThat(gauges.scrape(Set.of("no_such_metric"))).isEmpty();
        assertThat(gauges.scrape(Set.of())).contains("hub_stage_seconds").contains("jvm_heap_max_bytes");
    }

    @Test
    void refusesARegistryThatCannotRenderPrometheusText() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServerGauges(new SimpleMeterRegistry(), () -> 0, () -> 0))
                .withMessageContaining("PrometheusMeterRegistry");
    }
}
