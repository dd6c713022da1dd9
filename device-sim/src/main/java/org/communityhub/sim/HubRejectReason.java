package org.communityhub.sim;

import java.util.Arrays;
import java.util.Optional;

/**
 * The hub's reject reason codes ({@code GET /api/v1/rejects}, field {@code reason}), each with what an
 * installer should do about it. The codes are the hub's; this enum only names and explains them.
 * Immutable and thread-safe.
 */
public enum HubRejectReason {
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
    TOPIC_MISMATCH("topic_mismatch", "the topic's community or type differs from the registration: fix the device's "
            + "topic settings or its registration"),
    FUTURE_TIME("future_time", "the device clock runs more than 5 minutes ahead: set its time (NTP) and time zone"),
    PERSONAL_DATA("personal_data", "send only an opaque person id: no names, ID numbers, phone numbers or images"),
    UNKNOWN_FIELD("unknown_field", "send only the data fields of the event type (CONTRACT §4); remove the others"),
    DEVICE_RETIRED("device_retired", "the device is retired: register it again (install_state) before it sends");

    private final String code;
    private final String advice;

    HubRejectReason(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    /** The hub's code, e.g. {@code topic_mismatch}. */
    public String code() {
        return code;
    }

    /** What to do about it, one line. */
    public String advice() {
        return advice;
    }

    /** The reason of a hub code, or empty for a code this simulator does not know. */
    public static Optional<HubRejectReason> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
