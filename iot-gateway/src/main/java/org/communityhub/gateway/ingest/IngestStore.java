package org.communityhub.gateway.ingest;

/**
 * Port: durably writes a batch (events, rejections, statuses and the alerts they raise) in one
 * transaction. Called from pipeline worker threads; implementations block on I/O.
 */
public interface IngestStore {

    /**
     * Writes and commits the batch. Idempotent: writing the same events twice stores them once and
     * raises their alerts once.
     *
     * @throws Exception when the batch was not committed (the caller retries it, nothing is acked)
     */
    BatchResult write(IngestBatch batch) throws Exception;
}
