package org.communityhub.gateway.responders;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Port: sends one {@link Notice} to one channel in that channel's format, asynchronously (never blocking the
 * caller's thread). The stage completes with the outcome, never exceptionally. Thread-safe.
 */
public interface ChannelSender {

    /**
     * @param deliveryKey the delivery's stable unique id (the webhook's {@code X-Hub-Delivery})
     * @param reached     SMS: the digests of the numbers the delivery's earlier attempts reached ({@link
     *                    SendResult#reached}), not texted again; empty for a first attempt, a test or another kind
     */
    CompletionStage<SendResult> send(ChannelTarget target, Notice notice, String deliveryKey, Set<String> reached);
}
