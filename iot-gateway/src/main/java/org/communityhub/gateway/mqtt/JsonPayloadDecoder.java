package org.communityhub.gateway.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.communityhub.gateway.event.PayloadDecoder;

/**
 * Decodes payloads straight from their bytes with Jackson's streaming parser into the maps and lists
 * of Vert.x's JSON codec (same rules as {@code new JsonObject(text)}: comments allowed, nothing after
 * the object). Cost: one parse of the bytes, no intermediate string. Stateless and thread-safe.
 */
public final class JsonPayloadDecoder implements PayloadDecoder {

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(
            com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    @Override
    public Map<String, Object> decodeObject(byte[] utf8) {
        int start = 0;
        while (start < utf8.length && utf8[start] >= 0 && Character.isWhitespace(utf8[start])) {
            start++;
        }
        int end = utf8.length;
        while (end > start && utf8[end - 1] >= 0 && Character.isWhitespace(utf8[end - 1])) {
            end--;
        }
        if (start < end && (utf8[start] < 0 || utf8[end - 1] < 0)) {
            // Non-ASCII first or last (Unicode whitespace, perhaps): judged as the stripped text, as always.
            return decodeText(new String(utf8, StandardCharsets.UTF_8).strip());
        }
        if (start == utf8.length || utf8[start] != '{') {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(utf8, start, utf8.length - start)) {
            return decoded(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> decodeText(String text) {
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            return decoded(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decoded(JsonParser parser) {
        try {
            return JacksonCodec.fromParser(parser, Map.class);
        } catch (DecodeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int cut = m.indexOf('\n');
            throw new IllegalArgumentException("payload is not valid JSON: " + (cut > 0 ? m.substring(0, cut) : m));
        }
    }
}
