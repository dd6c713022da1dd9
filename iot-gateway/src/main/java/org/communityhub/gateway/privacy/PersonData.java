package org.communityhub.gateway.privacy;

import java.time.Instant;
import java.util.List;
import org.communityhub.gateway.device.StoredEvent;

/**
 * Port: what is stored about one opaque person reference (PIPL access and erasure requests).
 * Blocking; call off the event loop.
 */
public interface PersonData {

    /** Every stored event that names the person reference, with its device code, oldest first. */
    List<PersonEvent> export(String personRef);

    /**
     * Every other stored record that quotes the reference as a whole token in free text: rejected
     * messages, alert notes, audit details, other events' data fields; oldest first. Cost: scans of
     * those tables (an erasure request is rare).
     */
    List<Mention> mentions(String personRef);

    /**
     * Erases the person: records a tombstone (the reference hashed with an installation key) that
     * ingestion honours from then on (a later or still-queued event keeps no reference), deletes the
     * person's events and pseudonymises alert references to them; then deletes events and rejected
     * messages quoting the reference and redacts it from alert notes and audit entries. Idempotent.
     *
     * @return how many events were deleted
     */
    int erase(String personRef);

    /** The stable pseudonym audit entries name the person by (the reference itself is never logged). */
    String pseudonym(String personRef);

    /** One event about the person, and the device that recorded it. */
    record PersonEvent(String device, StoredEvent event) {
    }

    /**
     * A record quoting the reference.
     *
     * @param source {@code rejected_message}, {@code alert.note}, {@code audit_log} or {@code event.data}
     * @param id     the record's id (for an event: device/event id)
     */
    record Mention(String source, String id, Instant at, String text) {
    }

    /** Shape of a valid reference: the same rule the gate payload is held to. */
    static boolean isReference(String ref) {
        return ref != null && ref.matches("[A-Za-z0-9_-]{1,64}");
    }
}
