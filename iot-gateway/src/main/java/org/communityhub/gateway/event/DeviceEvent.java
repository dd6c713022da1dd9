package org.communityhub.gateway.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.communityhub.contract.EventType;
import org.communityhub.gateway.device.RegisteredDevice;

/**
 * A validated device event, ready to store. The pair (device code, id) identifies it; the store's
 * key also includes {@code time} because the event table is partitioned by it.
 *
 * @param data      the validated {@code data} object (strings, numbers, booleans; never images)
 * @param personRef the opaque person reference of a gate event, or null
 */
public record DeviceEvent(RegisteredDevice device, String id, EventType type, OffsetDateTime time,
                          Map<String, Object> data, Instant receivedAt, String personRef) {

    public Instant instant() {
        return time.toInstant();
    }
}
