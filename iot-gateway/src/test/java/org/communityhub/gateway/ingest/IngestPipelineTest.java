package org.communityhub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.communityhub.gateway.event.EventFixtures.FIRE_BUTTON;
import static org.communityhub.gateway.event.EventFixtures.GATE;
import static org.communityhub.gateway.event.EventFixtures.NOW;
import static org.communityhub.gateway.event.EventFixtures.payload;
import static org.communityhub.gateway.event.EventFixtures.topic;
import static org.communityhub.gateway.event.EventFixtures.utf8;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.alert.AlertAction;
import org.communityhub.gateway.alert.AlertRule;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.EventFixtures;
import org.communityhub.gateway.event.Rejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batching, acknowledging only after the commit, retrying, isolating an unstorable event, draining on close. */
class IngestPipelineTest {

    private static final long DEADLINE_SECONDS = 10;

    private final RecordingIngestStore store = new RecordingIngestStore();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> committedWhenAcked = new ConcurrentHashMap<>();
    private CountDownLatch acks = new CountDownLatch(0);
    private IngestPipeline pipeline = pipeline(1);

    private IngestPipeline pipeline(int workers) {
        return new IngestPipeline("test", EventFixtures.intake(), store, metrics, workers, 1000, 100);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    /** A message whose ack records whether {@code marker} was already committed when it was acked. */
    private InboundMessage message(String topic, String text, String marker) {
        return new InboundMessage(topic, utf8(text), NOW, () -> {
            committedWhenAcked.put(marker, store.holds(marker));
            acked.add(marker);
            acks.countDown();
        });
    }

    private InboundMessage heartbeat(String id) {
        return message(topic(GATE), payload(id, "heartbeat", EventFixtures.NOW_TEXT, null), id);
    }

    private void expectAcks(int n) {
        acks = new CountDownLatch(n);
    }

    private void awaitAcks() throws InterruptedException {
        assertThat(acks.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("all acks within the deadline; acked " + acked)
                .isTrue();
    }

    @Test
    void aLingeringWorkerWritesMessagesThatArriveSoonAfterTheFirstInOneBatch() throws InterruptedException {
        // A linger far longer than the gap between the messages, so that a slow machine cannot split them.
        pipeline = new IngestPipeline("linger", EventFixtures.intake(), store, metrics, 1, 1000, 100,
                IngestPipeline.DEFAULT_MAX_QUEUED_BYTES, TimeUnit.SECONDS.toNanos(3));
        pipeline.start();
        expectAcks(10);
        pipeline.submit(heartbeat("l-0"));
        Thread.sleep(100);
        for (int i = 1; i < 10; i++) {
            pipeline.submit(heartbeat("l-" + i));
        }
        awaitAcks();
        assertThat(store.batches()).hasSize(1);
        assertThat(store.batches().get(0).size()).isEqualTo(10);
    }

    @Test
    void acksEveryMessageOnlyAfterItsBatchIsCommitted() throws InterruptedException {
        expectAcks(3);
        pipeline.submit(heartbeat("e-1"));
        pipeline.submit(heartbeat("e-2"));
        pipeline.submit(message(topic(GATE), "{not json", "{not json"));
        pipeline.start();
        awaitAcks();
        assertThat(acked).containsExactlyInAnyOrder("e-1", "e-2", "{not json");
        assertThat(committedWhenAcked).containsOnlyKeys("e-1", "e-2", "{not json").doesNotContainValue(false);
        assertThat(store.events()).extracting(DeviceEvent::id).containsExactly("e-1", "e-2");
        assertThat(store.rejections()).extracting(Rejection::reason).containsExactly(RejectReason.MALFORMED_JSON);
        assertThat(store.batches()).hasSize(1);
    }

    @Test
    void handsTheStoreEachEventWithTheAlertActionDecidedOnce() throws InterruptedException {
        expectAcks(2);
        pipeline.submit(message(topic(FIRE_BUTTON), payload("f-9", "fire.alarm", EventFixtures.NOW_TEXT, null), "f-9"));
        pipeline.submit(heartbeat("e-1"));
        pipeline.start();
        awaitAcks();
        assertThat(store.decided()).extracting(d -> d.event().id(), DecidedEvent::action).containsExactlyInAnyOrder(
                tuple("f-9", new AlertAction.Raise(AlertRule.FIRE,
                        AlertRule.FIRE.correlationKey(FIRE_BUTTON.code(), FIRE_BUTTON.building()))),
                tuple("e-1", new AlertAction.None()));
    }

    @Test
    void retriesATransientFailureAndAcksNothingBeforeItSucceeds() throws InterruptedException {
        store.goDown();
        expectAcks(2);
        pipeline.start();
        pipeline.submit(heartbeat("e-1"));
        pipeline.submit(heartbeat("e-2"));
        assertThat(store.failedTwice().await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(acked).isEmpty();
        assertThat(store.events()).isEmpty();
        store.recover();
        awaitAcks();
        assertThat(store.events()).extracting(DeviceEvent::id).containsExactlyInAnyOrder("e-1", "e-2");
        assertThat(committedWhenAcked).doesNotContainValue(false);
        assertThat(store.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(registry.scrape()).containsPattern("(?m)^hub_store_failures_total [1-9]");
    }

    @Test
    void isolatesAnUnstorableEventAsARejectionAndStoresEverythingElse() throws InterruptedException {
        store.refuseEvent("e-3");
        expectAcks(7);
        for (int i = 1; i <= 5; i++) {
            pipeline.submit(heartbeat("e-" + i));
        }
        pipeline.submit(message(topic(GATE), "[]", "[]"));
        pipeline.submit(message("hub/v1/c-1/gate/g-1/status", "online", "hub/v1/c-1/gate/g-1/status"));
        pipeline.start();
        awaitAcks();
        assertThat(store.events()).extracting(DeviceEvent::id).containsExactlyInAnyOrder("e-1", "e-2", "e-4", "e-5");
        assertThat(store.statuses()).hasSize(1);
        assertThat(store.rejections()).hasSize(2);
        assertThat(store.rejections()).filteredOn(r -> r.detail().contains("cannot store")).singleElement()
                .satisfies(r -> {
                    assertThat(r.deviceCode()).isEqualTo("g-1");
                    assertThat(r.community()).isEqualTo("c-1");
                    assertThat(r.topic()).isEqualTo(topic(GATE));
                    assertThat(r.detail()).contains("value out of range");
                });
        assertThat(store.rejections()).extracting(Rejection::reason).contains(RejectReason.MALFORMED_JSON);
        assertThat(acked).hasSize(7);
        assertThat(committedWhenAcked).doesNotContainEntry("e-1", false).doesNotContainEntry("e-5", false);
    }

    @Test
    void turnsOnlineAndOfflineStatusMessagesIntoStatusReports() throws InterruptedException {
        expectAcks(3);
        pipeline.submit(message("hub/v1/c-1/gate/g-1/status", "online", "hub/v1/c-1/gate/g-1/status"));
        pipeline.submit(message("hub/v1/c-1/camera/cam-1/status", " offline\n", "hub/v1/c-1/camera/cam-1/status"));
        pipeline.submit(message("hub/v1/c-1/fire_button/f-1/status", "maybe", "maybe"));
        pipeline.start();
        awaitAcks();
        assertThat(store.statuses()).containsExactly(
                new StatusReport("g-1", "hub/v1/c-1/gate/g-1/status", true, NOW),
                new StatusReport("cam-1", "hub/v1/c-1/camera/cam-1/status", false, NOW));
        assertThat(store.events()).isEmpty();
        assertThat(store.rejections()).isEmpty();
        assertThat(committedWhenAcked).containsEntry("hub/v1/c-1/gate/g-1/status", true)
                .containsEntry("hub/v1/c-1/camera/cam-1/status", true);
    }

    @Test
    void closeDrainsAndAcksEverythingSubmitted() throws InterruptedException {
        pipeline = pipeline(2);
        pipeline.start();
        expectAcks(200);
        for (int i = 0; i < 200; i++) {
            pipeline.submit(heartbeat("e-" + i));
        }
        pipeline.close();
        assertThat(acked).hasSize(200);
        assertThat(store.events()).hasSize(200);
        assertThat(pipeline.backlog()).isZero();
        assertThat(committedWhenAcked).doesNotContainValue(false);
        assertThatIllegalStateException().isThrownBy(() -> pipeline.submit(heartbeat("late")));
    }

    @Test
    void keepsOneDevicesEventsInOrderAcrossWorkers() throws InterruptedException {
        pipeline = pipeline(3);
        pipeline.start();
        expectAcks(100);
        for (int i = 0; i < 100; i++) {
            pipeline.submit(heartbeat(String.format("e-%03d", i)));
        }
        awaitAcks();
        List<String> ids = store.events().stream().map(DeviceEvent::id).toList();
        assertThat(ids).hasSize(100).isSorted();
    }

    @Test
    void holdsNoMoreBytesThanItsBoundAndTakesTheRestOnceABatchIsCommitted() throws Exception {
        String big = "{\"pad\":\"" + "x".repeat(16_000) + "\"}";
        InboundMessage first = message(topic(GATE), payload("b-1", "heartbeat", EventFixtures.NOW_TEXT, big), "b-1");
        long size = first.payload().length + 2L * first.topicName().length();
        pipeline = new IngestPipeline("bytes", EventFixtures.intake(), store, metrics, 1, 1000, 100, 3 * size, 0);
        store.goDown(); // the database is away: the worker holds its batch and retries
        pipeline.start();
        expectAcks(4);
        pipeline.submit(first);
        pipeline.submit(message(topic(GATE), payload("b-2", "heartbeat", EventFixtures.NOW_TEXT, big), "b-2"));
        pipeline.submit(message(topic(GATE), payload("b-3", "heartbeat", EventFixtures.NOW_TEXT, big), "b-3"));
        Thread fourth = new Thread(() -> {
            try {
                pipeline.submit(message(topic(GATE), payload("b-4", "heartbeat", EventFixtures.NOW_TEXT, big), "b-4"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fourth-submit");
        fourth.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (fourth.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the fourth submit waits for room").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThat(pipeline.queuedBytes()).isEqualTo(3 * size);
        assertThat(fourth.isAlive()).isTrue();
        store.recover();
        awaitAcks();
        fourth.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertThat(acked).containsExactlyInAnyOrder("b-1", "b-2", "b-3", "b-4");
        assertThat(committedWhenAcked).doesNotContainValue(false);
        while (pipeline.queuedBytes() != 0) { // released right after the acks
            assertThat(System.nanoTime()).as("every byte released").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void countsReceivedMessagesAndCommittedEvents() throws InterruptedException {
        expectAcks(2);
        pipeline.submit(heartbeat("e-1"));
        pipeline.submit(message(topic(GATE), payload("access.teleported", null), "access.teleported"));
        pipeline.start();
        awaitAcks();
        assertThat(metrics.storedCount()).isEqualTo(1);
        assertThat(registry.scrape()).contains("hub_messages_received_total 2.0\n")
                .contains("hub_events_rejected_total{reason=\"unknown_event_type\"} 1.0\n");
    }
}
