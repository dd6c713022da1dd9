package org.communityhub.gateway.event;

import java.time.Instant;

/**
 * An inbound message that was not stored as an event, with why.
 *
 * @param deviceCode the device code named in the topic, or null when the topic has none
 * @param payload    the payload as text, cut to {@link #MAX_PAYLOAD_CHARS} characters
 * @param eventId    the payload's {@code id} when it could be read, else null
 */
public record Rejection(Instant receivedAt, String topic, String deviceCode, String community, RejectReason reason,
                        String detail, String payload, String eventId) {

    /** How much of a rejected payload is kept for operators. */
    public static final int MAX_PAYLOAD_CHARS = 2048;

    public Rejection {
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS) + "…";
        }
    }
}
