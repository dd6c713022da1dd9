package org.communityhub.gateway.responders;

import java.time.Instant;

/**
 * One attempt of the delivery log.
 *
 * @param status         the attempt's outcome: {@code delivered}, {@code retry} (tried again later) or {@code failed}
 * @param deliveryStatus where the delivery stands now: {@code pending}, {@code delivered} or {@code failed}
 * @param alertId        null for a channel test ({@link DeliveryStore#recordTest})
 * @param httpStatus     null when no answer came
 * @param alertId        the alert delivered, or null for a case notice
 * @param notice         the case notice's key ({@code case-overdue:…}, {@code case-digest:…}), or null for an alert
 * @param purpose        what an alert's delivery announced, or null without an alert
 */
public record DeliveryLogEntry(long attemptId, long deliveryId, Long alertId, String notice, DeliveryPurpose purpose,
                               int tier, long channelId,
                               String channelName, ChannelKind channelKind, int attempt, String status,
                               String deliveryStatus, Integer httpStatus, String error, String worker, Instant at) {
}
