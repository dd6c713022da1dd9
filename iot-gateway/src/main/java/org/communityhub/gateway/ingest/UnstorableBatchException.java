package org.communityhub.gateway.ingest;

/**
 * The store refused a batch for its content (a value the database cannot hold), not for its own
 * state: retrying the same batch would fail again. The pipeline splits the batch to find the
 * message at fault and records it as a rejection.
 */
public final class UnstorableBatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnstorableBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
