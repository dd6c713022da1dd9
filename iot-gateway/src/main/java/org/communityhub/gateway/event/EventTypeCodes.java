package org.communityhub.gateway.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EventType#fromCode} as one hash lookup (it streams over every type), for the ingest path
 * where every message names its type. Immutable after class loading; thread-safe.
 */
final class EventTypeCodes {

    private static final Map<String, EventType> BY_CODE = new HashMap<>();

    static {
        for (EventType t : EventType.values()) {
            BY_CODE.putIfAbsent(t.code(), t);
        }
    }

    private EventTypeCodes() {
    }

    static Optional<EventType> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
