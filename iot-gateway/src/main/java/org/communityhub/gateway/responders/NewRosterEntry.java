package org.communityhub.gateway.responders;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.TreeSet;
import org.communityhub.gateway.alert.Severity;

/**
 * A duty roster entry to create, validated: each problem is an {@link IllegalArgumentException} whose message starts
 * with the field's name. The shift starts at {@code start} (China Standard Time) on each of {@code days} (ISO
 * weekdays, 1 = Monday … 7 = Sunday) and ends at {@code end} the same day, or the next day when {@code end} is not
 * after {@code start} (overnight; {@code start == end}: 24 hours). With {@code from}/{@code until} only shifts
 * starting on those dates (inclusive) count, so a dated shift is one with all days and {@code from == until}.
 * The user is paged for alerts of {@code community} at {@code tier} at least as severe as {@code minSeverity}.
 *
 * @param from  null: no first date
 * @param until null: no last date
 */
public record NewRosterEntry(String username, String community, int tier, List<Integer> days, LocalTime start,
                             LocalTime end, LocalDate from, LocalDate until, Severity minSeverity, String note) {

    public static final int MAX_NOTE = 200;
    public static final String PHONE = "\\+?[0-9]{6,20}";

    public NewRosterEntry {
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("user: must be a login name");
        }
        if (community == null || !community.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("community: must be a community code");
        }
        if (tier < 1 || tier > 3) {
            throw new IllegalArgumentException("tier: must be 1, 2 or 3");
        }
        if (days == null || days.isEmpty() || days.size() > 7 || days.stream().anyMatch(d -> d == null || d < 1 || d > 7)
                || new TreeSet<>(days).size() != days.size()) {
            throw new IllegalArgumentException("days: must be 1–7 different weekdays, 1 = Monday … 7 = Sunday");
        }
        days = List.copyOf(new TreeSet<>(days));
        if (start == null) {
            throw new IllegalArgumentException("start: must be a time of day HH:MM");
        }
        if (end == null) {
            throw new IllegalArgumentException("end: must be a time of day HH:MM");
        }
        if (from != null && until != null && from.isAfter(until)) {
            throw new IllegalArgumentException("until: must not be before from");
        }
        if (minSeverity == null) {
            minSeverity = Severity.LOW;
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new IllegalArgumentException("note: at most " + MAX_NOTE + " characters");
        }
    }

    /** Whether the shift runs past midnight into the next day (or lasts 24 hours). */
    public boolean overnight() {
        return !end.isAfter(start);
    }
}
