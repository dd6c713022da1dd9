package org.communityhub.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a case stands (CONTRACT §7): submitted → accepted → assigned → in_progress → handled →
 * closed, or rejected. Cases that somebody still has to work on are {@linkplain #workPending() pending}:
 * only those can be overdue.
 */
public enum CaseStatus {
    SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS, HANDLED, CLOSED, REJECTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepted but not yet handled: the deadline runs. */
    public boolean workPending() {
        return this == ACCEPTED || this == ASSIGNED || this == IN_PROGRESS;
    }

    /** Closed or rejected: nothing more happens unless it is reopened. */
    public boolean ended() {
        return this == CLOSED || this == REJECTED;
    }

    public static Optional<CaseStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }
}
