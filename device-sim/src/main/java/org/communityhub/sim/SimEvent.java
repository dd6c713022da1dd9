package org.communityhub.sim;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One device event as CONTRACT §4 defines it: id, type, device-clock time and type-specific data.
 * Immutable once built (data is copied); thread-safe.
 *
 * @param id   1–64 characters, unique per device
 * @param type event type, e.g. {@code access.granted}
 * @param time the device's clock, with offset
 * @param data type-specific fields, in insertion order
 */
public record SimEvent(String id, String type, OffsetDateTime time, Map<String, Object> data) {

    /** ISO-8601 with milliseconds and offset, e.g. {@code 2026-11-21T08:00:00.123+08:00}. */
    public static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    public SimEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The time as the payload carries it. */
    public String timeText() {
        return TIME_FORMAT.format(time);
    }

    /** The same event with one more data field (used by the malformed scenario). */
    public SimEvent withData(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(key, value);
        return new SimEvent(id, type, time, more);
    }

    /** The same event with another time. */
    public SimEvent withTime(OffsetDateTime other) {
        return new SimEvent(id, type, other, data);
    }
}
