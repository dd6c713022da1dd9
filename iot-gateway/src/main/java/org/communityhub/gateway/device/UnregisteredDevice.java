package org.communityhub.gateway.device;

import java.time.Instant;

/** A sender seen on the broker whose code is not registered. */
public record UnregisteredDevice(String code, String topic, Instant firstSeen, Instant lastSeen, long count) {
}
