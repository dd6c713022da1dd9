package org.communityhub.gateway.privacy;

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
     * Deletes the person's events and pseudonymises alert references to them, in one transaction.
     *
     * @return how many events were deleted
     */
    int erase(String personRef);

    /** One event about the person, and the device that recorded it. */
    record PersonEvent(String device, StoredEvent event) {
    }

    /** Shape of a valid reference: the same rule the gate payload is held to. */
    static boolean isReference(String ref) {
        return ref != null && ref.matches("[A-Za-z0-9_-]{1,64}");
    }
}
