package org.communityhub.gateway.event;

/** Why an inbound message was not stored as an event; the code is what operators list and filter. */
public enum RejectReason {
    BAD_TOPIC("bad_topic"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    INVALID_UTF8("invalid_utf8"),
    MALFORMED_JSON("malformed_json"),
    MISSING_FIELD("missing_field"),
    INVALID_FIELD("invalid_field"),
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    WRONG_EVENT_TYPE("wrong_event_type"),
    UNKNOWN_DEVICE("unknown_device"),
    /** The device is registered but retired: it no longer speaks for anything. */
    DEVICE_RETIRED("device_retired"),
    TOPIC_MISMATCH("topic_mismatch"),
    FUTURE_TIME("future_time"),
    PERSONAL_DATA("personal_data"),
    /** A {@code data} key that is not one of the event type's fields (CONTRACT §4) and not personal. */
    UNKNOWN_FIELD("unknown_field");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
