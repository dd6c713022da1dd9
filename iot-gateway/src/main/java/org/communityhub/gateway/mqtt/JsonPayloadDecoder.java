package org.communityhub.gateway.mqtt;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.communityhub.gateway.event.PayloadDecoder;

/** Decodes payloads with Vert.x's Jackson-backed JSON codec. Stateless and thread-safe. */
public final class JsonPayloadDecoder implements PayloadDecoder {

    @Override
    public Map<String, Object> decodeObject(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        try {
            return new JsonObject(t).getMap();
        } catch (DecodeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int cut = m.indexOf('\n');
            throw new IllegalArgumentException("payload is not valid JSON: " + (cut > 0 ? m.substring(0, cut) : m));
        }
    }
}
