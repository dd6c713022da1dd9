package org.communityhub.gateway.ingest;

import java.time.Instant;

/** A device's retained {@code online}/{@code offline} status message, or its Last Will. */
public record StatusReport(String deviceCode, String topic, boolean online, Instant at) {
}
