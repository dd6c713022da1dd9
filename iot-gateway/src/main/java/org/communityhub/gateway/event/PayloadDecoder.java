package org.communityhub.gateway.event;

import java.util.Map;

/**
 * Port: turns a payload into a plain map of strings, numbers, booleans, lists and maps, parsing the
 * bytes once (no intermediate text). Implemented by the JSON adapter; must be thread-safe.
 */
public interface PayloadDecoder {

    /**
     * Decodes one payload.
     *
     * @param utf8 well-formed UTF-8 (the caller checked it)
     * @return the top-level object
     * @throws IllegalArgumentException with a short, specific reason when the text is not a JSON object
     */
    Map<String, Object> decodeObject(byte[] utf8);
}
