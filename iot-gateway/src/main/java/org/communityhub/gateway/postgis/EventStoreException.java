package org.communityhub.gateway.postgis;

/** {@code HUB_EVENT_STORE} cannot be honoured on this database; the message says how to fix it. */
public final class EventStoreException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message) {
        super(message);
    }
}
