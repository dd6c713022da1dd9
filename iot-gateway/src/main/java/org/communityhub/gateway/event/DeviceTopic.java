package org.communityhub.gateway.event;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.gateway.device.DeviceType;

/**
 * A parsed device topic {@code hub/v1/{community}/{type}/{deviceId}/{channel}} (CONTRACT §4).
 * Parsing is a single regular-expression match; instances are immutable.
 */
public record DeviceTopic(String community, DeviceType type, String deviceCode, Channel channel) {

    /** The two channels a device publishes on. */
    public enum Channel { EVENT, STATUS }

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

    /** The device code in a topic that is otherwise malformed, for listing unknown senders. */
    public static Optional<String> deviceCodeOf(String topic) {
        String[] parts = topic.split("/", -1);
        return parts.length == 6 && "hub".equals(parts[0]) ? Optional.of(parts[4]) : Optional.empty();
    }
}
