package org.communityhub.gateway.alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert as staff see it. {@code changeSeq} grows with every change, so a client that
 * reconnects asks for what changed after the last sequence it saw.
 */
public record Alert(long id, AlertRule rule, Severity severity, AlertStatus status, String device, String building,
                    String compound, String community, Integer floor, Double lon, Double lat, Instant openedAt,
                    Instant lastEventAt, int count, List<String> eventIds, Instant resetAt, String acknowledgedBy,
                    Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, Outcome outcome, String note,
                    int escalationLevel, long changeSeq, boolean test) {

    public AlertKind kind() {
        return rule.kind();
    }
}
