package org.communityhub.gateway.ingest;

import java.time.Instant;
import org.communityhub.contract.DeviceTopic;

/**
 * One message as it came off the broker, with its topic parsed once (on arrival) and the callback
 * that acknowledges it. The pipeline calls {@code ack} only after the message's outcome (event,
 * rejection or status) is committed. Immutable (the payload array is not copied and must not change).
 *
 * @param topicName    the topic as received
 * @param topic        the parsed topic, or null when it does not follow the topic grammar
 * @param receivedAt   when the hub took the message (the hub's clock; stored)
 * @param arrivedNanos {@link System#nanoTime()} then, for timing the stages that follow
 */
public record InboundMessage(String topicName, DeviceTopic topic, byte[] payload, Instant receivedAt,
                             long arrivedNanos, MessageAck ack) {

    /** A message taken now, parsing {@code topicName} ({@link DeviceTopic#parse}: one pass over it). */
    public InboundMessage(String topicName, byte[] payload, Instant receivedAt, MessageAck ack) {
        this(topicName, DeviceTopic.parse(topicName).orElse(null), payload, receivedAt, System.nanoTime(), ack);
    }

    /** The device the message is about, for routing one device's messages to one worker in order. */
    String deviceKey() {
        return topic != null ? topic.deviceCode() : DeviceTopic.deviceCodeOf(topicName).orElse(topicName);
    }

    /** Acknowledges a message to the broker; called once, from a pipeline worker thread. */
    @FunctionalInterface
    public interface MessageAck {
        void ack();
    }
}
