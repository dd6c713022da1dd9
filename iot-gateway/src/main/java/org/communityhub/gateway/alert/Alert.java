package org.communityhub.gateway.alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert as staff see it. {@code changeSeq} grows with every change, so a client that
 * reconnects asks for what changed after the last sequence it saw.
 *
 * @param assignee who took the alert or was assigned it, or null
 * @param comments the responders' comments, oldest first
 */
public record Alert(long id, AlertRule rule, Severity severity, AlertStatus status, String device, String building,
                    String compound, String community, Integer floor, Double lon, Double lat, Instant openedAt,
                    Instant lastEventAt, int count, List<String> eventIds, Instant resetAt, String acknowledgedBy,
                    Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, Outcome outcome, String note,
                    int escalationLevel, long changeSeq, String assignee, List<Comment> comments,
                    boolean test) {

    public Alert {
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    /** A responder's comment on an alert. */
    public record Comment(long id, String author, Instant at, String text) {
    }

    public AlertKind kind() {
        return rule.kind();
    }
}
