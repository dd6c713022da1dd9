package org.communityhub.gateway.responders;

/**
 * An outbox row a worker holds the lease of, for one attempt.
 *
 * @param deliveryKey the delivery's stable unique id (the same on every attempt: receivers may deduplicate on it)
 * @param attempt     this attempt's number, 1 for the first
 */
public record DeliveryClaim(long id, String deliveryKey, long alertId, int tier, int attempt, ChannelTarget target) {
}
