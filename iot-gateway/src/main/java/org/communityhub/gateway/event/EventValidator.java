package org.communityhub.gateway.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.contract.EventType;
import org.communityhub.contract.RejectReason;
import org.communityhub.gateway.device.DeviceDirectory;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.event.ValidationResult.Accepted;
import org.communityhub.gateway.event.ValidationResult.Rejected;

/**
 * Applies every rule of CONTRACT §4 to an inbound event message, in a fixed order: topic, size,
 * encoding, registered device and topic match, JSON shape, fields, event type, time, data.
 *
 * <p>Cost: one pass over the bytes (UTF-8 check), one map lookup in the device directory and one JSON
 * parse from the bytes per message; text for the reject store is made only for a rejection. Thread-safe
 * when its directory and decoder are.
 */
public final class EventValidator {

    /** The largest accepted payload (CONTRACT §4). */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** How far ahead of the hub's clock (when it took the message) a device's clock may run. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final DeviceDirectory directory;
    private final PayloadDecoder decoder;
    private final DataValidator dataValidator = new DataValidator();

    public EventValidator(DeviceDirectory directory, PayloadDecoder decoder) {
        this.directory = directory;
        this.decoder = decoder;
    }

    /** Validates a message whose topic is not parsed yet (parses it: one regular-expression match). */
    public ValidationResult validate(String topicName, byte[] payload, Instant receivedAt) {
        return validate(topicName, DeviceTopic.parse(topicName).orElse(null), payload, receivedAt);
    }

    /**
     * Validates a message whose topic was parsed on arrival. The payload is checked to be UTF-8 without
     * copying it and decoded once, from the bytes; its text is made only for a rejection.
     *
     * @param parsed {@code topicName} parsed, or null when it does not follow the grammar
     */
    public ValidationResult validate(String topicName, DeviceTopic parsed, byte[] payload, Instant receivedAt) {
        if (parsed == null || parsed.channel() != DeviceTopic.Channel.EVENT) {
            return reject(receivedAt, topicName, DeviceTopic.deviceCodeOf(topicName).orElse(null), null,
                    RejectReason.BAD_TOPIC, "topic is not hub/v1/{community}/{type}/{deviceId}/event", lenient(payload));
        }
        DeviceTopic topic = parsed;
        Context ctx = new Context(receivedAt, topicName, topic, payload, null, topic.community(), null);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return ctx.reject(RejectReason.PAYLOAD_TOO_LARGE,
                    "payload has " + payload.length + " bytes; the limit is " + MAX_PAYLOAD_BYTES);
        }
        if (!Utf8.isWellFormed(payload)) {
            return ctx.reject(RejectReason.INVALID_UTF8, "payload is not valid UTF-8");
        }
        Optional<RegisteredDevice> device = directory.find(topic.deviceCode());
        if (device.isEmpty()) {
            return ctx.reject(RejectReason.UNKNOWN_DEVICE, "device '" + topic.deviceCode() + "' is not registered");
        }
        RegisteredDevice d = device.get();
        if (d.retired()) {
            return ctx.inCommunity(d.community()).reject(RejectReason.DEVICE_RETIRED,
                    "device '" + d.code() + "' is retired");
        }
        // Rejects are filed under the device's registered community: its installers must see them.
        ctx = ctx.inCommunity(d.community());
        Map<String, Object> json;
        try {
            json = decoder.decodeObject(payload);
        } catch (IllegalArgumentException e) {
            return ctx.reject(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        if (json.get("id") instanceof String readable && readable.length() <= 64) {
            ctx = ctx.withEventId(readable);
        }
        if (!matches(d, topic)) {
            return ctx.reject(RejectReason.TOPIC_MISMATCH, "device '" + d.code() + "' is registered as "
                    + d.type().code() + " in community '" + d.community() + "', not " + topic.type().code()
                    + " in '" + topic.community() + "'");
        }
        if (mayHoldNul(payload) && containsNul(json)) {
            return ctx.reject(RejectReason.INVALID_FIELD, "a string in the payload contains a NUL character");
        }
        return validateFields(ctx, d, json);
    }

    /**
     * Whether a string decoded from {@code payload} can hold NUL: JSON writes it only as the escape
     * {@code \u0000} (a raw 0 byte inside a string is malformed, and the decoder refuses it), so without that
     * sequence or a 0 byte no decoded string or key has one and the walk over the tree is skipped. One pass over
     * the bytes; an escaped backslash before {@code u0000} gives a harmless yes.
     */
    static boolean mayHoldNul(byte[] payload) {
        int n = payload.length;
        for (int i = 0; i < n; i++) {
            byte b = payload[i];
            if (b == 0) {
                return true;
            }
            if (b == '\\' && i + 5 < n && payload[i + 1] == 'u' && payload[i + 2] == '0' && payload[i + 3] == '0'
                    && payload[i + 4] == '0' && payload[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNul(Object value) {
        if (value instanceof String s) {
            return s.indexOf(0) >= 0;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (containsNul(e.getKey()) || containsNul(e.getValue())) {
                    return true;
                }
            }
        }
        if (value instanceof Iterable<?> list) {
            for (Object o : list) {
                if (containsNul(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a status or event topic names the device's registered community and type. */
    public boolean topicMatchesRegistry(DeviceTopic topic) {
        return directory.find(topic.deviceCode()).map(d -> matches(d, topic)).orElse(false);
    }

    private static boolean matches(RegisteredDevice d, DeviceTopic topic) {
        return d.community().equals(topic.community()) && d.type() == topic.type();
    }

    private ValidationResult validateFields(Context ctx, RegisteredDevice device, Map<String, Object> json) {
        Object id = json.get("id");
        Object type = json.get("type");
        Object time = json.get("time");
        for (String required : new String[] {"id", "type", "time"}) {
            if (json.get(required) == null) {
                return ctx.reject(RejectReason.MISSING_FIELD, "field '" + required + "' is missing");
            }
        }
        if (!(id instanceof String idText) || idText.isEmpty() || idText.length() > 64) {
            return ctx.reject(RejectReason.INVALID_FIELD, "field 'id' must be a string of 1–64 characters");
        }
        if (!(type instanceof String typeText)) {
            return ctx.reject(RejectReason.INVALID_FIELD, "field 'type' must be a string");
        }
        Optional<EventType> eventType = EventType.fromCode(typeText);
        if (eventType.isEmpty()) {
            return ctx.reject(RejectReason.UNKNOWN_EVENT_TYPE, "event type '" + typeText + "' is unknown");
        }
        if (!eventType.get().belongsTo(device.type())) {
            return ctx.reject(RejectReason.WRONG_EVENT_TYPE,
                    "event type '" + typeText + "' does not belong to a " + device.type().code());
        }
        if (!(time instanceof String timeText)) {
            return ctx.reject(RejectReason.INVALID_FIELD, "field 'time' must be an ISO-8601 string with an offset");
        }
        OffsetDateTime at;
        try {
            // Stored with microsecond precision, so the key the store returns matches this one.
            at = EventTimes.parse(timeText).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return ctx.reject(RejectReason.INVALID_FIELD, "field 'time' is not ISO-8601 with an offset: " + timeText);
        }
        // Judged against the hub's clock when the message was taken (no second clock read per event).
        if (at.toInstant().isAfter(ctx.receivedAt.plus(MAX_CLOCK_AHEAD))) {
            return ctx.reject(RejectReason.FUTURE_TIME, "time " + timeText + " is more than 5 minutes in the future");
        }
        Object data = json.get("data") == null ? Map.of() : json.get("data");
        if (!(data instanceof Map<?, ?> dataMap)) {
            return ctx.reject(RejectReason.INVALID_FIELD, "field 'data' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) dataMap;
        Optional<DataValidator.Problem> problem = dataValidator.check(eventType.get(), fields);
        if (problem.isPresent()) {
            Context c = problem.get().reason() == RejectReason.PERSONAL_DATA ? ctx.withPayload(Rejection.withheld(json))
                    : ctx;
            return c.reject(problem.get().reason(), problem.get().detail());
        }
        Object person = fields.get("person");
        return new Accepted(new DeviceEvent(device, idText, eventType.get(), at, Map.copyOf(fields), ctx.receivedAt,
                person instanceof String p ? p : null));
    }

    private static Rejected reject(Instant at, String topic, String device, String community, RejectReason reason,
                                   String detail, String payload) {
        return new Rejected(new Rejection(at, topic, device, community, reason, detail, payload, null));
    }

    /** The start of the payload as text for the reject store, malformed bytes replaced. */
    private static String lenient(byte[] payload) {
        return new String(payload, 0, Math.min(payload.length, Rejection.MAX_PAYLOAD_CHARS * 4), StandardCharsets.UTF_8);
    }

    /** @param kept the text kept instead of the payload's, or null to keep the payload's (made on rejection) */
    private record Context(Instant receivedAt, String topicName, DeviceTopic topic, byte[] payload, String kept,
                           String community, String eventId) {
        Context withEventId(String id) {
            return new Context(receivedAt, topicName, topic, payload, kept, community, id);
        }

        /** The same context keeping {@code text} instead of the payload text. */
        Context withPayload(String text) {
            return new Context(receivedAt, topicName, topic, payload, text, community, eventId);
        }

        Context inCommunity(String registered) {
            return new Context(receivedAt, topicName, topic, payload, kept, registered, eventId);
        }

        Rejected reject(RejectReason reason, String detail) {
            return new Rejected(new Rejection(receivedAt, topicName, topic.deviceCode(), community, reason, detail,
                    kept != null ? kept : lenient(payload), eventId));
        }
    }
}
