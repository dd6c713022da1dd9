package org.communityhub.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an inbound device message was not stored as an event (CONTRACT §4); the {@link #code()} is what
 * operators list and filter ({@code GET /api/v1/rejects}, field {@code reason}), the {@link #advice()}
 * what an installer should do about it. Immutable; safe from any thread.
 */
public enum RejectReason {
    BAD_TOPIC("bad_topic", "publish only on hub/v1/{community}/{type}/{device}/event"),
    PAYLOAD_TOO_LARGE("payload_too_large", "keep each event payload at most 16 KiB (no images or blobs)"),
    INVALID_UTF8("invalid_utf8", "encode the payload as UTF-8"),
    MALFORMED_JSON("malformed_json", "send one complete JSON object per message"),
    MISSING_FIELD("missing_field", "every event needs id, type and time"),
    INVALID_FIELD("invalid_field", "check field types: id a 1-64 character string, time ISO-8601 with offset, data per type"),
    UNKNOWN_EVENT_TYPE("unknown_event_type", "use an event type of CONTRACT §4 (e.g. access.granted, fire.alarm, heartbeat)"),
    WRONG_EVENT_TYPE("wrong_event_type", "the event type does not belong to the registered device type: fix the "
            + "device's configuration or its registration (layer=device, type=...)"),
    UNKNOWN_DEVICE("unknown_device", "register the device (./hub import with layer=device and this code)"),
    /** The device is registered but retired: it no longer speaks for anything. */
    DEVICE_RETIRED("device_retired", "the device is retired: register it again (install_state) before it sends"),
    TOPIC_MISMATCH("topic_mismatch", "the topic's community or type differs from the registration: fix the device's "
            + "topic settings or its registration"),
    FUTURE_TIME("future_time", "the device clock runs more than 5 minutes ahead: set its time (NTP) and time zone"),
    PERSONAL_DATA("personal_data", "send only an opaque person id: no names, ID numbers, phone numbers or images"),
    /** A {@code data} key that is not one of the event type's fields (CONTRACT §4) and not personal. */
    UNKNOWN_FIELD("unknown_field", "send only the data fields of the event type (CONTRACT §4); remove the others");

    private final String code;
    private final String advice;

    RejectReason(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    /** The wire code, e.g. {@code topic_mismatch}. */
    public String code() {
        return code;
    }

    /** What an installer should do about it, one line. */
    public String advice() {
        return advice;
    }

    /** The reason of a code, or empty for a code this version does not know. */
    public static Optional<RejectReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
