package org.communityhub.gateway.event;

import java.util.Map;

/**
 * Port: turns a payload's text into a plain map of strings, numbers, booleans, lists and maps.
 * Implemented by the JSON adapter; must be thread-safe.
 */
public interface PayloadDecoder {

    /**
     * Decodes one payload.
     *
     * @return the top-level object
     * @throws IllegalArgumentException with a short, specific reason when the text is not a JSON object
     */
    Map<String, Object> decodeObject(String text);
}
