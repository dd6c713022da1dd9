package org.communityhub.gateway.device;

import java.time.Instant;

/** A rejected message as listed for operators. */
public record StoredRejection(Instant receivedAt, String topic, String device, String reason, String detail,
                              String payload, String eventId) {
}
