package org.communityhub.gateway.ingest;

import java.time.Instant;

/**
 * One message as it came off the broker, with the callback that acknowledges it. The pipeline
 * calls {@code ack} only after the message's outcome (event, rejection or status) is committed.
 */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt, MessageAck ack) {

    /** Acknowledges a message to the broker; called once, from a pipeline worker thread. */
    @FunctionalInterface
    public interface MessageAck {
        void ack();
    }
}
