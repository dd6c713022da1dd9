package org.communityhub.contract;

import java.util.Optional;

/**
 * The MQTT topic grammar of CONTRACT §4, {@code hub/v1/{community}/{type}/{deviceId}/{channel}} (codes of 1–64
 * characters {@code [a-z0-9-]}, a type of {@link DeviceType}, a channel of {@link Channel}), defined once:
 * {@link #parse} reads a topic, {@link #topic()} writes one, {@link #filter} writes a subscription filter.
 *
 * <p>{@link #parse} reads the topic by hand in one pass, without a regular expression: it runs for every message the
 * hub receives, and a regular-expression match with its group strings cost more of the ingest path than the rest of
 * the parse (the reason the gateway read topics by hand before this class did). {@code DeviceTopicTest} checks it
 * against the grammar written as a regular expression. Cost: O(length of the topic), one small object. Instances are
 * immutable; safe from any thread.
 */
public record DeviceTopic(String community, DeviceType type, String deviceCode, Channel channel) {

    /** Every topic of the grammar starts with this. */
    public static final String PREFIX = "hub/v1/";
    /** The longest community or device code. */
    public static final int MAX_CODE = 64;

    /** The two channels a device publishes on. */
    public enum Channel {
        EVENT, STATUS;

        /** The topic segment: {@code event} or {@code status}. */
        public String code() {
            return this == EVENT ? "event" : "status";
        }
    }

    /** The topic, or empty when it does not follow the grammar. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int a = PREFIX.length();
        int b = codeEnd(topic, a);
        if (b < 0) {
            return Optional.empty();
        }
        int c = topic.indexOf('/', b + 1);
        if (c < 0) {
            return Optional.empty();
        }
        Optional<DeviceType> type = DeviceType.fromCode(topic.substring(b + 1, c));
        int d = type.isPresent() ? codeEnd(topic, c + 1) : -1;
        if (d < 0) {
            return Optional.empty();
        }
        for (Channel channel : Channel.values()) {
            String code = channel.code();
            if (topic.length() == d + 1 + code.length() && topic.startsWith(code, d + 1)) {
                return Optional.of(new DeviceTopic(topic.substring(a, b), type.get(), topic.substring(c + 1, d), channel));
            }
        }
        return Optional.empty();
    }

    /** The index of the '/' that ends a code starting at {@code from}, or -1 when no valid code and '/' are there. */
    private static int codeEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from <= MAX_CODE) {
            char ch = s.charAt(i);
            if (ch == '/') {
                return i > from ? i : -1;
            }
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** The topic's text, e.g. {@code hub/v1/c-1/gate/g-0001/event}; {@link #parse} of it gives this topic back. */
    public String topic() {
        return PREFIX + community + "/" + type.code() + "/" + deviceCode + "/" + channel.code();
    }

    /**
     * The subscription filter for every device of {@code type} (null: of every type) in every community on
     * {@code channel}, e.g. {@code hub/v1/+/fire_button/+/event}.
     */
    public static String filter(DeviceType type, Channel channel) {
        return PREFIX + "+/" + (type == null ? "+" : type.code()) + "/+/" + channel.code();
    }

    /** The device code in a topic that is otherwise malformed, for listing unknown senders. */
    public static Optional<String> deviceCodeOf(String topic) {
        String[] parts = topic.split("/", -1);
        return parts.length == 6 && "hub".equals(parts[0]) ? Optional.of(parts[4]) : Optional.empty();
    }
}
