package org.communityhub.gateway.responders;

import java.util.Set;

/**
 * An outbox row a worker holds the lease of, for one attempt.
 *
 * @param deliveryKey the delivery's stable unique id (the same on every attempt: receivers may deduplicate on it)
 * @param attempt     this attempt's number, 1 for the first
 * @param alertId     the alert to send (0 for a case notice)
 * @param purpose     what an alert's row announces (null for a case notice)
 * @param message     a case notice's stored message, or null for an alert (composed when sent)
 * @param reached     SMS: the digests of the numbers earlier attempts reached (stored with the delivery), else empty
 */
public record DeliveryClaim(long id, String deliveryKey, long alertId, int tier, DeliveryPurpose purpose, int attempt,
                            ChannelTarget target, Notice message, Set<String> reached) {

    public DeliveryClaim {
        reached = reached == null ? Set.of() : Set.copyOf(reached);
    }

    /** An alert's page that reached no SMS number yet. */
    public DeliveryClaim(long id, String deliveryKey, long alertId, int tier, int attempt, ChannelTarget target) {
        this(id, deliveryKey, alertId, tier, DeliveryPurpose.PAGE, attempt, target, null, Set.of());
    }
}
