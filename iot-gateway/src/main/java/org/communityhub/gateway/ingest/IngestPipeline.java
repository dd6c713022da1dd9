package org.communityhub.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.event.EventValidator;
import org.communityhub.gateway.event.ValidationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the MQTT callback thread to the database in bounded batches.
 *
 * <p>{@link #submit} only enqueues (the callback thread returns at once unless the queue is full,
 * which the broker's receive-maximum window prevents in normal operation). The queues are bounded
 * by count per worker and by bytes over all workers: a message's payload counts until its batch is
 * committed (or rejected), so however large the messages, what the pipeline holds stays bounded. Each worker owns one
 * bounded queue; messages are routed by device code so one device's events keep their order.
 * A worker takes up to {@code batchMax} messages, validates them (the topic was parsed on arrival, the
 * payload is decoded once), lets the {@link AlertPolicy} decide each event's alert action once, writes
 * the batch in one transaction and acknowledges the messages only after the commit. Each stage's time
 * goes to the lane's {@link StageTimings}. When the database is down the worker retries the
 * same batch with backoff and stops taking more: the broker's session holds the rest.
 *
 * <p>Thread-safe; {@link #close} drains what was submitted and acks it before returning.
 */
public final class IngestPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** The byte bound of {@link #IngestPipeline(String, Intake, IngestStore, IngestMetrics, int, int, int)}. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    /** A worker lingers ({@code lingerNanos}) only when it found fewer messages than this waiting. */
    static final int LINGER_BELOW = 50;

    /** What the pipeline applies to every message before the store: the contract's rules and the alert rules. */
    public record Intake(EventValidator validator, AlertPolicy policy) {
    }

    private final EventValidator validator;
    private final AlertPolicy policy;
    private final StageTimings stages;
    private final IngestStore store;
    private final IngestMetrics metrics;
    private final int batchMax;
    private final long lingerNanos;
    private final List<BlockingQueue<InboundMessage>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final long maxQueuedBytes;
    private final ReentrantLock bytesLock = new ReentrantLock();
    private final Condition bytesFreed = bytesLock.newCondition();
    private long queuedBytes;
    private volatile boolean closing;

    /**
     * @param name threads are called {@code hub-ingest-<name>-<i>}
     */
    public IngestPipeline(String name, Intake intake, IngestStore store, IngestMetrics metrics, int workers,
                          int capacityPerWorker, int batchMax) {
        this(name, intake, store, metrics, workers, capacityPerWorker, batchMax, DEFAULT_MAX_QUEUED_BYTES, 0);
    }

    /**
     * @param maxQueuedBytes payload and topic bytes held at most (queued or in a batch not yet
     *                       committed); a single larger message is still taken when nothing is held
     * @param lingerNanos how long a worker that found fewer than {@value #LINGER_BELOW} messages waiting lets
     *                    more arrive before it writes them (0: never). A batch's statements and commit cost the
     *                    same for 5 events as for 500, and a worker woken per message writes batches of a few:
     *                    at 5,000 events/s the bulk lane's two workers made ~500 transactions a second.
     */
    public IngestPipeline(String name, Intake intake, IngestStore store, IngestMetrics metrics, int workers,
                          int capacityPerWorker, int batchMax, long maxQueuedBytes, long lingerNanos) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.lingerNanos = lingerNanos;
        this.validator = intake.validator();
        this.policy = intake.policy();
        this.stages = metrics.intakeStages(name);
        this.store = store;
        this.metrics = metrics;
        this.batchMax = batchMax;
        for (int i = 0; i < workers; i++) {
            BlockingQueue<InboundMessage> queue = new ArrayBlockingQueue<>(capacityPerWorker);
            queues.add(queue);
            Thread t = new Thread(() -> runWorker(queue), "hub-ingest-" + name + "-" + i);
            t.setDaemon(true);
            this.workers.add(t);
        }
    }

    public void start() {
        workers.forEach(Thread::start);
    }

    /** Enqueues a message; blocks only while its worker's queue is full or the byte bound is reached. */
    public void submit(InboundMessage message) throws InterruptedException {
        if (closing) {
            throw new IllegalStateException("the ingest pipeline is shutting down");
        }
        metrics.received();
        long size = size(message);
        bytesLock.lockInterruptibly();
        try {
            while (queuedBytes > 0 && queuedBytes + size > maxQueuedBytes) {
                bytesFreed.await();
            }
            queuedBytes += size;
        } finally {
            bytesLock.unlock();
        }
        queues.get(Math.floorMod(message.deviceKey().hashCode(), queues.size())).put(message);
    }

    /** Messages waiting in the queues (not yet in a batch). */
    public int backlog() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Bytes held: queued, or in a batch that is not committed yet. */
    public long queuedBytes() {
        bytesLock.lock();
        try {
            return queuedBytes;
        } finally {
            bytesLock.unlock();
        }
    }

    private static long size(InboundMessage m) {
        return m.payload().length + 2L * m.topicName().length();
    }

    private void release(List<InboundMessage> messages) {
        long freed = 0;
        for (InboundMessage m : messages) {
            freed += size(m);
        }
        bytesLock.lock();
        try {
            queuedBytes -= freed;
            bytesFreed.signalAll();
        } finally {
            bytesLock.unlock();
        }
    }

    private void runWorker(BlockingQueue<InboundMessage> queue) {
        List<InboundMessage> batch = new ArrayList<>(batchMax);
        while (!(closing && queue.isEmpty())) {
            try {
                InboundMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                if (lingerNanos > 0 && batch.size() < LINGER_BELOW && !closing) {
                    // One park, not a wake-up per message: the producers' puts find no waiter to signal.
                    LockSupport.parkNanos(lingerNanos);
                    queue.drainTo(batch, batchMax - batch.size());
                }
                try {
                    process(batch);
                } finally {
                    release(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<InboundMessage> messages) throws InterruptedException {
        long started = System.nanoTime();
        // Once per batch (a percentile update costs more than the rest of a message's bookkeeping): its oldest.
        stages.record(StageTimings.Stage.QUEUE, started - messages.get(0).arrivedNanos());
        writeWithRetry(classifyWithRetry(messages));
        stages.record(StageTimings.Stage.WRITE, System.nanoTime() - started);
        for (InboundMessage m : messages) {
            try {
                m.ack().ack();
            } catch (RuntimeException e) {
                LOG.warn("ack failed for a message on {}: {}", m.topicName(), e.getMessage());
            }
        }
    }

    /**
     * Writes until committed. Transient failures (database down) are retried with backoff; a batch
     * refused for its content is split in halves until the one message at fault is found, and that
     * message is stored as a rejection instead, so its neighbours are never lost or stalled.
     */
    private void writeWithRetry(IngestBatch batch) throws InterruptedException {
        long backoffMs = 50;
        while (true) {
            long started = System.nanoTime();
            try {
                BatchResult result = store.write(batch);
                metrics.committed(batch, result, System.nanoTime() - started);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (UnstorableBatchException e) {
                if (batch.size() == 1 && batch.rejections().isEmpty()) {
                    writeWithRetry(BatchSplitter.asRejection(batch, e.getMessage()));
                } else if (batch.size() > 1) {
                    for (IngestBatch half : BatchSplitter.halves(batch)) {
                        writeWithRetry(half);
                    }
                } else {
                    LOG.error("a rejection record could not be stored and is dropped: {}", e.getMessage());
                }
                return;
            } catch (Exception e) {
                metrics.storeFailure();
                LOG.warn("batch of {} not stored ({}); retrying in {} ms", batch.size(), e.getMessage(), backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** Validation looks devices up in the database; while it is down, wait for it like the writer does. */
    private IngestBatch classifyWithRetry(List<InboundMessage> messages) throws InterruptedException {
        long backoffMs = 50;
        while (true) {
            try {
                return classify(messages);
            } catch (RuntimeException e) {
                metrics.storeFailure();
                LOG.warn("cannot validate a batch of {} ({}); retrying in {} ms", messages.size(), e.getMessage(),
                        backoffMs);
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private IngestBatch classify(List<InboundMessage> messages) {
        IngestBatch batch = new IngestBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (InboundMessage m : messages) {
            DeviceTopic topic = m.topic();
            if (topic != null && topic.channel() == DeviceTopic.Channel.STATUS) {
                if (!validator.topicMatchesRegistry(topic)) {
                    continue; // a status on another community's or type's topic says nothing about the device
                }
                String text = new String(m.payload(), StandardCharsets.UTF_8).strip();
                if (text.equals("online") || text.equals("offline")) {
                    batch.statuses().add(new StatusReport(topic.deviceCode(), m.topicName(), text.equals("online"),
                            m.receivedAt()));
                }
                continue;
            }
            ValidationResult verdict = validator.validate(m.topicName(), topic, m.payload(), m.receivedAt());
            if (verdict instanceof ValidationResult.Accepted a) {
                if (batch.events().isEmpty()) {
                    stages.record(StageTimings.Stage.BROKER, a.event().instant(), m.receivedAt());
                }
                batch.events().add(new DecidedEvent(a.event(), policy.decide(a.event())));
            } else if (verdict instanceof ValidationResult.Rejected r) {
                batch.rejections().add(r.rejection());
            }
        }
        return batch;
    }

    /** Stops taking messages, finishes and acks what was submitted, then returns. */
    @Override
    public void close() {
        closing = true;
        for (Thread t : workers) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
