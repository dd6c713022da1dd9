package org.communityhub.gateway.alert;

/** A person's step in an alert's lifecycle. */
public sealed interface Transition {

    /** Confirms the alert has been seen and someone is responding. */
    record Acknowledge() implements Transition {
    }

    /**
     * The fire procedure (GB 25201): someone on the spot says whether the fire alarm is a real fire. Real:
     * status {@code confirmed} (acknowledged on the way) and at least escalation level 1 (tier 2 is paged at once).
     * Not real: the same as {@code Resolve(FALSE_ALARM, note)}, so the note is required.
     */
    record Confirm(boolean real, String note) implements Transition {
        public Confirm {
            note = note == null ? "" : note.strip();
            if (!real && note.isEmpty()) {
                throw new IllegalArgumentException("note: a false alarm needs its cause in the note");
            }
            if (note.length() > Resolve.MAX_NOTE) {
                throw new IllegalArgumentException("note: at most " + Resolve.MAX_NOTE + " characters");
            }
        }
    }

    /**
     * Closes the alert. A false alarm needs its cause in the note.
     *
     * @throws IllegalArgumentException when a false alarm has no note, or a note is too long
     */
    record Resolve(Outcome outcome, String note) implements Transition {
        public static final int MAX_NOTE = 2000;

        public Resolve {
            note = note == null ? "" : note.strip();
            if (outcome == Outcome.FALSE_ALARM && note.isEmpty()) {
                throw new IllegalArgumentException("note: a false alarm needs its cause in the note");
            }
            if (note.length() > MAX_NOTE) {
                throw new IllegalArgumentException("note: at most " + MAX_NOTE + " characters");
            }
        }
    }
}
