package org.communityhub.gateway.event;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.RejectReason;

/**
 * An inbound message that was not stored as an event, with why. What is kept is minimised here, for
 * every path that records a reject: ID numbers and phone numbers in the topic, detail, payload and
 * event id are masked ({@link SensitiveText#mask}), and a {@link RejectReason#PERSONAL_DATA} reject
 * keeps no payload at all, only the names of the fields it had ({@link #withheld}).
 *
 * @param deviceCode the device code named in the topic, or null when the topic has none
 * @param payload    the payload as text, masked and cut to {@link #MAX_PAYLOAD_CHARS} characters; for
 *                   a personal-data reject only {@link #WITHHELD} and the field names
 * @param eventId    the payload's {@code id} when it could be read, else null
 */
public record Rejection(Instant receivedAt, String topic, String deviceCode, String community, RejectReason reason,
                        String detail, String payload, String eventId) {

    /** How much of a rejected payload is kept for operators. */
    public static final int MAX_PAYLOAD_CHARS = 2048;
    /** How the kept payload of a personal-data reject begins. */
    public static final String WITHHELD = "(payload withheld: personal data) fields: ";

    public Rejection {
        topic = SensitiveText.mask(topic);
        detail = SensitiveText.mask(detail);
        eventId = SensitiveText.mask(eventId);
        if (reason == RejectReason.PERSONAL_DATA && !payload.startsWith(WITHHELD)) {
            payload = WITHHELD;
        }
        payload = SensitiveText.mask(payload);
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            payload = payload.substring(0, MAX_PAYLOAD_CHARS) + "…";
        }
    }

    /** The payload kept for a personal-data reject: {@link #WITHHELD} and the payload's key paths, no values. */
    public static String withheld(Map<String, Object> json) {
        Collection<String> names = new LinkedHashSet<>();
        keys("", json, names);
        return WITHHELD + String.join(", ", names);
    }

    private static void keys(String prefix, Object value, Collection<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String path = prefix + k;
                out.add(path);
                keys(path + ".", v, out);
            });
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                keys(prefix.isEmpty() ? "[]." : prefix.substring(0, prefix.length() - 1) + "[].", o, out);
            }
        }
    }
}
