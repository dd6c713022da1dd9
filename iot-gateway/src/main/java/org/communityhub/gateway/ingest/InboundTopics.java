package org.communityhub.gateway.ingest;

import org.communityhub.contract.DeviceType;
import org.communityhub.contract.DeviceTopic;

/**
 * Reads a message's topic once, on arrival, by hand: exactly the grammar of {@link DeviceTopic#parse}
 * ({@code hub/v1/{community}/{type}/{deviceId}/{channel}}, codes of 1–64 characters {@code [a-z0-9-]})
 * without a regular-expression match and its group strings per message. Stateless; thread-safe.
 */
final class InboundTopics {

    private static final String PREFIX = "hub/v1/";
    private static final int MAX_CODE = 64;

    private InboundTopics() {
    }

    /** The parsed topic, or null when it does not follow the grammar. */
    static DeviceTopic parse(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return null;
        }
        int a = PREFIX.length();
        int b = codeEnd(topic, a);
        if (b < 0) {
            return null;
        }
        int c = topic.indexOf('/', b + 1);
        if (c < 0) {
            return null;
        }
        DeviceType type = typeOf(topic.substring(b + 1, c));
        if (type == null) {
            return null;
        }
        int d = codeEnd(topic, c + 1);
        if (d < 0) {
            return null;
        }
        DeviceTopic.Channel channel;
        if (topic.regionMatches(d + 1, "event", 0, 5) && topic.length() == d + 6) {
            channel = DeviceTopic.Channel.EVENT;
        } else if (topic.regionMatches(d + 1, "status", 0, 6) && topic.length() == d + 7) {
            channel = DeviceTopic.Channel.STATUS;
        } else {
            return null;
        }
        return new DeviceTopic(topic.substring(a, b), type, topic.substring(c + 1, d), channel);
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

    private static DeviceType typeOf(String code) {
        switch (code) {
            case "gate":
                return DeviceType.GATE;
            case "fire_button":
                return DeviceType.FIRE_BUTTON;
            case "camera":
                return DeviceType.CAMERA;
            default:
                return null;
        }
    }
}
