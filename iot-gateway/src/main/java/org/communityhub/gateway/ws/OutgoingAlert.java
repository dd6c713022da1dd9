package org.communityhub.gateway.ws;

import org.communityhub.gateway.alert.Alert;

/**
 * An alert change as the stream sends it: the alert (for the scope and sequence checks per session) and its message
 * ({@code {"kind":"alert","seq":n,"alert":{…}}}), encoded once, where the alert was obtained (a writer thread or the
 * worker pool), never on the event loop, and shared by every session that receives it. Immutable; thread-safe.
 *
 * @param alert the alert as changed
 * @param json  its stream message
 */
record OutgoingAlert(Alert alert, String json) {

    /** Encodes {@code a}'s message (a few microseconds: call it off the event loop). */
    static OutgoingAlert of(Alert a) {
        return new OutgoingAlert(a, StreamMessages.alert(a));
    }
}
