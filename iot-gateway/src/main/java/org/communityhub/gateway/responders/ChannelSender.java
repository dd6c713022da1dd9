package org.communityhub.gateway.responders;

import java.util.concurrent.CompletionStage;

/**
 * Port: sends one {@link Notice} to one channel in that channel's format, asynchronously (never blocking the
 * caller's thread). The stage completes with the outcome, never exceptionally. Thread-safe.
 */
public interface ChannelSender {

    /** @param deliveryKey the delivery's stable unique id (the webhook's {@code X-Hub-Delivery}) */
    CompletionStage<SendResult> send(ChannelTarget target, Notice notice, String deliveryKey);
}
