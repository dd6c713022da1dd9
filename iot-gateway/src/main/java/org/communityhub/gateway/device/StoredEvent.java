package org.communityhub.gateway.device;

import java.time.Instant;

/** A stored event as read back; {@code dataJson} is the stored {@code data} object's JSON text. */
public record StoredEvent(String id, String type, Instant time, Instant receivedAt, String dataJson) {
}
