package org.communityhub.gateway.cases;

import java.time.Instant;
import java.util.List;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;

/** What the case store reads back for the API: list rows, the full case, its history and rating. */
public final class CaseViews {

    private CaseViews() {
    }

    /** One row of {@code GET /api/v1/cases}; {@code overdue} as of the query's time. */
    public record Summary(long id, CaseCategory category, CaseStatus status, String community, String grid, double lon,
                          double lat, String assignee, Instant deadline, boolean overdue, Instant submittedAt) {
    }

    /** One audited step: who (null for the public reporter), when, what, and the note the reporter sees. */
    public record HistoryEntry(String actor, Instant at, String action, CaseStatus from, CaseStatus to, String note) {
    }

    public record Rating(int score, String comment, Instant at) {
    }

    /** A stored photo's number and stage ({@code report} or {@code handled}). */
    public record PhotoRef(int n, String stage) {
    }

    /**
     * A whole case.
     *
     * @param rating null until the reporter rates it
     * @param alertId the alert it was made from, or null
     */
    public record Detail(Summary summary, String trackingCode, String priority, String description, String compound,
                         String building, String reporter, String contact, Instant acceptedAt, Instant handledAt,
                         Instant closedAt, Long alertId, Rating rating, List<PhotoRef> photos,
                         List<HistoryEntry> history) {

        /** The part the workflow rules read. */
        public CaseFile file() {
            return new CaseFile(summary.id(), summary.category(), summary.status(), summary.community(), summary.grid(),
                    reporter, summary.assignee(), summary.deadline());
        }
    }

    /**
     * A filter of {@code GET /api/v1/cases} within the caller's scope.
     *
     * @param scopeCommunity only this community (null: every community)
     * @param workerGrids a grid worker's grids: only cases in them, or reported by or assigned to {@code worker};
     *                    null for everyone else
     * @param status only this status (null: any)
     * @param openOnly only cases neither closed nor rejected (when no status is given)
     * @param assignee only cases assigned to this user (null: anyone's)
     */
    public record Query(String scopeCommunity, List<String> workerGrids, String worker, CaseStatus status,
                        boolean openOnly, String grid, String community, boolean overdueOnly, int limit,
                        String assignee) {
    }

    /**
     * The day's reminder (一天一提醒) of one user: the cases assigned to them with work pending, overdue first,
     * and for dispatchers and admins the number of overdue cases in their scope and the reports in their scope still
     * waiting for triage ({@code submitted}), with the oldest of them, so that none waits unseen.
     *
     * @param overdueInScope null for grid workers
     * @param untriaged null for grid workers
     * @param untriagedOldest the oldest untriaged reports, oldest first (at most {@link #UNTRIAGED_TOP}); empty for
     *        grid workers
     */
    public record Digest(String username, List<Summary> assigned, long assignedOverdue, Long overdueInScope,
                         Long untriaged, List<Summary> untriagedOldest) {

        /** How many of the oldest untriaged reports a digest lists. */
        public static final int UNTRIAGED_TOP = 5;

        public Digest {
            assigned = List.copyOf(assigned);
            untriagedOldest = List.copyOf(untriagedOldest);
        }

        /** A digest without untriaged reports (a grid worker's). */
        public Digest(String username, List<Summary> assigned, long assignedOverdue, Long overdueInScope) {
            this(username, assigned, assignedOverdue, overdueInScope, null, List.of());
        }
    }

    /**
     * The reports waiting for triage ({@code submitted}) in a dispatcher's scope.
     *
     * @param count all of them
     * @param oldest the oldest, oldest first
     */
    public record Untriaged(long count, List<Summary> oldest) {
        public Untriaged {
            oldest = List.copyOf(oldest);
        }
    }
}
