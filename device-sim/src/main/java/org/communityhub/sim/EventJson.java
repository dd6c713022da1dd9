package org.communityhub.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises events and reports to JSON. Shares one {@link ObjectMapper}; thread-safe.
 */
public final class EventJson {

    /** The shared mapper (configured once, then only read). */
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private EventJson() {
    }

    /** The payload object {@code {"id","type","time","data"}}. */
    public static Map<String, Object> payloadMap(SimEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", event.id());
        m.put("type", event.type());
        m.put("time", event.timeText());
        m.put("data", event.data());
        return m;
    }

    /** The UTF-8 payload bytes of an event. */
    public static byte[] payload(SimEvent event) {
        return bytes(payloadMap(event));
    }

    /** Any map or list as UTF-8 JSON. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any map or list as a JSON string. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
