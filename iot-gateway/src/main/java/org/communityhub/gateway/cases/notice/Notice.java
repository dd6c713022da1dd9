package org.communityhub.gateway.cases.notice;

import java.util.List;
import java.util.Objects;

/**
 * A notification to be stored for one user, once: {@code key} names the occasion (the digest's day, the case's
 * overdue transition), and a user gets at most one notification per key, however many hub instances try.
 * It carries case numbers, categories and places, never a reporter's description or contact number.
 *
 * @param caseId  the case it is about (an overdue notice), or null (a digest)
 * @param caseIds the cases it lists (a digest: the recipient's pending cases, overdue first)
 * @param open    pending cases it counts
 * @param overdue overdue cases among them
 * @param untriaged a dispatcher's digest: reports in their scope waiting for triage (status submitted), else 0
 * @param alertId the alert that paged the recipient (kind {@code alert}), or null
 */
public record Notice(String recipient, NoticeKind kind, String key, String title, String text, Long caseId,
                     List<Long> caseIds, int open, int overdue, int untriaged, Long alertId) {

    /** A notice about cases or an alert, counting no untriaged reports. */
    public Notice(String recipient, NoticeKind kind, String key, String title, String text, Long caseId,
                  List<Long> caseIds, int open, int overdue, Long alertId) {
        this(recipient, kind, key, title, text, caseId, caseIds, open, overdue, 0, alertId);
    }

    /** A notice about cases. */
    public Notice(String recipient, NoticeKind kind, String key, String title, String text, Long caseId,
                  List<Long> caseIds, int open, int overdue) {
        this(recipient, kind, key, title, text, caseId, caseIds, open, overdue, 0, null);
    }

    public Notice {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        caseIds = List.copyOf(caseIds);
        if (untriaged < 0) {
            throw new IllegalArgumentException("untriaged < 0");
        }
    }
}
