package org.communityhub.gateway.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.event.Rejection;

/**
 * An in-memory {@link IngestStore} that records every committed batch. It can be told to fail
 * (as a database that is down) until {@link #recover()} is called, or to refuse as unstorable
 * every batch that contains a given event id. Thread-safe (synchronized).
 */
final class RecordingIngestStore implements IngestStore {

    private final List<IngestBatch> committed = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch failedTwice = new CountDownLatch(2);
    private volatile boolean down;
    private volatile String unstorableId;

    void goDown() {
        down = true;
    }

    void recover() {
        down = false;
    }

    void refuseEvent(String eventId) {
        unstorableId = eventId;
    }

    /** Released once two writes have failed because the store was down. */
    CountDownLatch failedTwice() {
        return failedTwice;
    }

    int attempts() {
        return attempts.get();
    }

    @Override
    public BatchResult write(IngestBatch batch) throws Exception {
        attempts.incrementAndGet();
        if (down) {
            failedTwice.countDown();
            throw new IOException("connection refused");
        }
        String refused = unstorableId;
        if (refused != null && batch.events().stream().anyMatch(e -> e.event().id().equals(refused))) {
            throw new UnstorableBatchException("value out of range for column time", null);
        }
        synchronized (this) {
            committed.add(new IngestBatch(List.copyOf(batch.events()), List.copyOf(batch.rejections()),
                    List.copyOf(batch.statuses())));
        }
        return new BatchResult(batch.events().size(), 0, 0);
    }

    synchronized List<IngestBatch> batches() {
        return List.copyOf(committed);
    }

    synchronized List<DeviceEvent> events() {
        return committed.stream().flatMap(b -> b.events().stream()).map(DecidedEvent::event).toList();
    }

    /** The committed events with the alert actions they came with. */
    synchronized List<DecidedEvent> decided() {
        return committed.stream().flatMap(b -> b.events().stream()).toList();
    }

    synchronized List<Rejection> rejections() {
        return committed.stream().flatMap(b -> b.rejections().stream()).toList();
    }

    synchronized List<StatusReport> statuses() {
        return committed.stream().flatMap(b -> b.statuses().stream()).toList();
    }

    /** Whether the message carrying {@code marker} (an event id, or text in a rejected payload) is committed. */
    synchronized boolean holds(String marker) {
        return events().stream().anyMatch(e -> e.id().equals(marker))
                || rejections().stream().anyMatch(r -> r.payload().contains(marker) || r.detail().contains(marker))
                || statuses().stream().anyMatch(s -> s.topic().equals(marker));
    }
}
