package org.communityhub.gateway.responders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.communityhub.gateway.alert.Severity;

/**
 * A stored duty roster entry (see {@link NewRosterEntry} for the meaning of the shift).
 *
 * @param phone the user's staff phone number (admins only), or null
 */
public record RosterEntry(long id, String username, String community, int tier, List<Integer> days, LocalTime start,
                          LocalTime end, LocalDate from, LocalDate until, Severity minSeverity, String note,
                          String phone, String createdBy, Instant createdAt) {

    public RosterEntry {
        days = List.copyOf(days);
    }
}
