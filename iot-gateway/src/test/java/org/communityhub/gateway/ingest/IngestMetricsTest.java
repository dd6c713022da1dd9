package org.communityhub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.EventType;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.EventFixtures;
import org.communityhub.gateway.event.Rejection;
import org.junit.jupiter.api.Test;

/** The intake's meters as Micrometer's Prometheus registry renders them: the names the hub always used. */
class IngestMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private static final Instant AT = Instant.parse("2026-11-21T00:00:00Z");

    private static DeviceEvent event(String id) {
        return new DeviceEvent(EventFixtures.GATE, id, EventType.HEARTBEAT, OffsetDateTime.parse("2026-11-21T08:00:00+08:00"),
                Map.of(), AT, null);
    }

    private static DecidedEvent decided(String id) {
        return new DecidedEvent(event(id), new org.communityhub.gateway.alert.AlertAction.None());
    }

    private static Rejection rejection(RejectReason reason) {
        return new Rejection(AT, "hub/v1/c-1/gate/g-1/event", "g-1", "c-1", reason, "why", "{}", null);
    }

    @Test
    void rendersTheCountersOfACommittedBatch() {
        IngestMetrics m = new IngestMetrics(registry);
        for (int i = 0; i < 5; i++) {
            m.received();
        }
        m.storeFailure();
        IngestBatch batch = new IngestBatch(List.of(decided("e-1"), decided("e-2")),
                List.of(rejection(RejectReason.MALFORMED_JSON), rejection(RejectReason.FUTURE_TIME)),
                List.of(new StatusReport("g-1", "hub/v1/c-1/gate/g-1/status", true, AT)));
        m.committed(batch, new BatchResult(1, 1, 1), 3_000_000);

        String text = registry.scrape();
        assertThat(text)
                .contains("# TYPE hub_messages_received_total counter\nhub_messages_received_total 5.0\n")
                .contains("\nhub_events_stored_total 1.0\n")
                .contains("\nhub_events_duplicate_total 1.0\n")
                .contains("\nhub_status_messages_total 1.0\n")
                .contains("\nhub_alert_changes_total 1.0\n")
                .contains("\nhub_store_failures_total 1.0\n")
                .contains("# TYPE hub_events_rejected_total counter\n")
                .contains("hub_events_rejected_total{reason=\"malformed_json\"} 1.0\n")
                .contains("hub_events_rejected_total{reason=\"future_time\"} 1.0\n")
                .contains("hub_events_rejected_total{reason=\"personal_data\"} 0.0\n")
                .contains("# TYPE hub_batches_total counter\nhub_batches_total 1.0\n")
                .contains("\nhub_batch_items_total 5.0\n")
                .contains("hub_batch_size_bucket{le=\"1.0\"} 0\n").contains("hub_batch_size_bucket{le=\"10.0\"} 1\n")
                .contains("# TYPE hub_commit_seconds histogram\n")
                .contains("hub_commit_seconds_bucket{le=\"0.002\"} 0\n")
                .contains("hub_commit_seconds_bucket{le=\"0.005\"} 1\n")
                .contains("hub_commit_seconds_bucket{le=\"+Inf\"} 1\n")
                .contains("hub_commit_seconds_sum 0.003\n")
                .contains("hub_commit_seconds_count 1\n")
                .endsWith("\n");
        assertThat(m.storedCount()).isEqualTo(1);
    }

    @Test
    void listsEveryRejectReasonEvenAtZero() {
        new IngestMetrics(registry);
        String text = registry.scrape();
        for (RejectReason r : RejectReason.values()) {
            assertThat(text).contains("hub_events_rejected_total{reason=\"" + r.code() + "\"} 0.0\n");
        }
    }

    @Test
    void theLatencyHistogramIsCumulative() {
        IngestMetrics m = new IngestMetrics(registry);
        IngestBatch empty = new IngestBatch(List.of(), List.of(), List.of());
        m.committed(empty, new BatchResult(0, 0, 0), 500_000);
        m.committed(empty, new BatchResult(0, 0, 0), 40_000_000);
        m.committed(empty, new BatchResult(0, 0, 0), 9_000_000_000L);
        assertThat(registry.scrape())
                .contains("hub_commit_seconds_bucket{le=\"0.001\"} 1\n")
                .contains("hub_commit_seconds_bucket{le=\"0.05\"} 2\n")
                .contains("hub_commit_seconds_bucket{le=\"5.0\"} 2\n")
                .contains("hub_commit_seconds_bucket{le=\"+Inf\"} 3\n")
                .contains("hub_commit_seconds_count 3\n");
    }
}
