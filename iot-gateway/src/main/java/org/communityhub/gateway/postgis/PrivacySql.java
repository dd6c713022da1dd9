package org.communityhub.gateway.postgis;

/**
 * SQL of person erasure and export beyond the event table's {@code person_ref} (which is in
 * {@link GatewaySql}): the tombstone, and the records that quote a reference in free text. A
 * reference is matched as a whole token ({@link #token}), never as part of a longer one.
 */
final class PrivacySql {

    private PrivacySql() {
    }

    /** Erasure takes it exclusively; ingestion of events with person references takes it shared. */
    static final long ERASURE_LOCK = 0x6875625F65726173L;

    static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(?)";

    static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(?)";

    static final String TOMBSTONE = "INSERT INTO erased_person (ref_hash) VALUES (decode(?, 'hex')) ON CONFLICT DO NOTHING";

    /** Events naming the reference in a data field other than {@code person}. Cost: one scan of the event table. */
    static final String ERASE_EVENTS_QUOTING = """
            DELETE FROM event WHERE data::text ~ ? RETURNING device_code, event_id""";

    static final String ERASE_REJECTS_QUOTING = """
            DELETE FROM rejected_message WHERE concat_ws(' ', topic, detail, payload, event_id) ~ ?""";

    static final String REDACT_ALERT_NOTES = """
            UPDATE alert SET note = regexp_replace(note, ?, '\\1[erased person]', 'g'),
                             change_seq = nextval('alert_change_seq')
             WHERE note ~ ?""";

    static final String REDACT_AUDIT = """
            UPDATE audit_log SET detail = regexp_replace(detail, ?, '\\1[erased person]', 'g'),
                                 object_id = regexp_replace(object_id, ?, '\\1' || ?, 'g')
             WHERE concat_ws(' ', object_id, detail) ~ ?""";

    /** Everything else quoting the reference, oldest first: (source, id, time, text). Cost: scans of four tables. */
    static final String MENTIONS = """
            SELECT 'rejected_message', id::text, received_at, concat_ws(' | ', reason, detail, payload)
              FROM rejected_message WHERE concat_ws(' ', topic, detail, payload, event_id) ~ ?
            UNION ALL
            SELECT 'alert.note', id::text, COALESCE(resolved_at, opened_at), note FROM alert WHERE note ~ ?
            UNION ALL
            SELECT 'audit_log', id::text, at, concat_ws(' | ', action, object_id, detail)
              FROM audit_log WHERE concat_ws(' ', object_id, detail) ~ ?
            UNION ALL
            SELECT 'event.data', device_code || '/' || event_id, event_time, data::text
              FROM event WHERE person_ref IS DISTINCT FROM ? AND data::text ~ ?
            ORDER BY 3""";

    /**
     * A phone number's comparable form: its digits, without the country code 86 (or 0086) before an 11-digit
     * mobile number. Applied to the stored contact and to the number asked alike.
     */
    private static String phone(String expr) {
        return "regexp_replace(regexp_replace(" + expr + ", '[^0-9]', '', 'g'), '^(0086|86)(?=[0-9]{11}$)', '')";
    }

    private static final String REPORTED_COLUMNS = "id, tracking_code, category, status, community_code, description, "
            + "contact, submitted_at, accepted_at, handled_at, closed_at";

    /** The cases whose contact is the number (the parameter), oldest first. Cost: one scan of the cases. */
    static final String CASES_BY_CONTACT = "SELECT " + REPORTED_COLUMNS + " FROM hub_case WHERE contact IS NOT NULL AND "
            + phone("contact") + " = " + phone("?") + " ORDER BY submitted_at, id";

    /** Locks the cases of a contact number for the erasure: parameter the number. */
    static final String LOCK_BY_CONTACT = "SELECT id FROM hub_case WHERE contact IS NOT NULL AND "
            + phone("contact") + " = " + phone("?") + " ORDER BY id FOR UPDATE";

    /** The report's photos of the cases (a bigint[] parameter); the staff's after-photos stay. */
    static final String ERASE_REPORT_PHOTOS = "DELETE FROM case_photo WHERE case_id = ANY (?) AND stage = 'report'";

    /** The reporter's contact, description and rating comment: parameters the replacement text, the ids. */
    static final String ERASE_REPORTER = "UPDATE hub_case SET contact = NULL, description = ?, rating_comment = NULL "
            + "WHERE id = ANY (?) RETURNING " + REPORTED_COLUMNS;

    /**
     * The regular expression matching {@code ref} as a whole token; group 1 is the character before it.
     * Safe to build from a valid reference ([A-Za-z0-9_-], no regex metacharacters outside brackets).
     */
    static String token(String ref) {
        return "(^|[^A-Za-z0-9_-])" + ref + "(?=$|[^A-Za-z0-9_-])";
    }
}
