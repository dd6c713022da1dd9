package org.communityhub.gateway.device;

import java.time.Instant;

/**
 * A device with its live status, as staff and installers see it.
 *
 * @param status {@code online}, {@code offline} or {@code never_seen}
 */
public record DeviceView(RegisteredDevice device, String installState, String status, Instant lastSeen,
                         Instant testModeUntil) {
}
