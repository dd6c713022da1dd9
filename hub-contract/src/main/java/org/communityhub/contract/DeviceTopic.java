package org.communityhub.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MQTT topic grammar of CONTRACT §4, {@code hub/v1/{community}/{type}/{deviceId}/{channel}}, defined
 * once: {@link #parse} reads a topic (a single regular-expression match), {@link #topic()} writes one.
 * Instances are immutable; safe from any thread.
 */
public record DeviceTopic(String community, DeviceType type, String deviceCode, Channel channel) {

    /** The two channels a device publishes on. */
    public enum Channel {
        EVENT, STATUS;

        /** The topic segment: {@code event} or {@code status}. */
        public String code() {
            return this == EVENT ? "event" : "status";
        }
    }

    private static final Pattern TOPIC = Pattern.compile(
            "hub/v1/([a-z0-9-]{1,64})/(gate|fire_button|camera)/([a-z0-9-]{1,64})/(event|status)");

    public static Optional<DeviceTopic> parse(String topic) {
        Matcher m = TOPIC.matcher(topic);
        if (!m.matches()) {
            return Optional.empty();
        }
        DeviceType type = DeviceType.fromCode(m.group(2)).orElseThrow();
        Channel channel = "event".equals(m.group(4)) ? Channel.EVENT : Channel.STATUS;
        return Optional.of(new DeviceTopic(m.group(1), type, m.group(3), channel));
    }

    /** The topic's text, e.g. {@code hub/v1/c-1/gate/g-0001/event}; {@link #parse} of it gives this topic back. */
    public String topic() {
        return "hub/v1/" + community + "/" + type.code() + "/" + deviceCode + "/" + channel.code();
    }

    /** The device code in a topic that is otherwise malformed, for listing unknown senders. */
    public static Optional<String> deviceCodeOf(String topic) {
        String[] parts = topic.split("/", -1);
        return parts.length == 6 && "hub".equals(parts[0]) ? Optional.of(parts[4]) : Optional.empty();
    }
}
