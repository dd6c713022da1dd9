package org.communityhub.gateway.privacy;

import java.time.Instant;
import java.util.List;
import org.communityhub.gateway.device.StoredEvent;

/**
 * Port: what is stored about one person (PIPL access and erasure requests): an opaque person reference of the
 * gates' events, or the phone number a 随手拍 reporter left as a contact on cases. Blocking; call off the
 * event loop.
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

    /**
     * The cases whose contact is the phone number (compared by its digits, a leading 86/0086 country code of an
     * 11-digit mobile number ignored), oldest first. Cost: one scan of the cases (a request is rare).
     */
    List<ReportedCase> casesByContact(String phone);

    /**
     * Erases what the reporter with this contact number gave on their cases: the contact number, the
     * description (replaced by {@link #ERASED_TEXT}), the report's photos and the rating comment; in one
     * transaction, so a failure leaves them all. Kept, because the platform must still account for its work and
     * none of it names the reporter: the case's number, tracking code, category, place (community, grid, point:
     * where a public problem was, not who saw it), statuses, deadline, times, the staff's steps and notes, the
     * staff's after-photos and the rating score: the weekly and monthly reports (一周一通报、一月一点评), overdue
     * supervision (督办) and the audit trail of who did what are built from these, and removing the cases would
     * change reports that were already published. The caller audits each erased case. Idempotent (a second
     * call finds nothing).
     *
     * @return the cases erased, as they are afterwards
     */
    List<ReportedCase> eraseCaseContacts(String phone);

    /** What replaces an erased reporter's description. */
    String ERASED_TEXT = "[erased at the reporter's request]";

    /**
     * A case a reporter filed with their contact number.
     *
     * @param contact null once erased
     */
    record ReportedCase(long id, String trackingCode, String category, String status, String community,
                        String description, String contact, Instant submittedAt, Instant acceptedAt,
                        Instant handledAt, Instant closedAt) {
    }

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

    /** Shape of a phone number: the same rule a case's contact is held to. */
    static boolean isPhoneNumber(String s) {
        return s != null && s.matches("\\+?[0-9][0-9 ()-]{4,22}");
    }

    /** Shape of a valid reference: the same rule the gate payload is held to. */
    static boolean isReference(String ref) {
        return ref != null && ref.matches("[A-Za-z0-9_-]{1,64}");
    }
}
