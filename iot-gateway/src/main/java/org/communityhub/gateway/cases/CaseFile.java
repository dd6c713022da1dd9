package org.communityhub.gateway.cases;

import java.time.Instant;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;

/**
 * The part of a case that the workflow rules read: where it stands and who is involved.
 *
 * @param reporter the username of the staff member who reported it, or null for a public report
 * @param assignee the username it is assigned to, or null
 * @param deadline when it must be handled by, or null before acceptance
 */
public record CaseFile(long id, CaseCategory category, CaseStatus status, String community, String grid,
                       String reporter, String assignee, Instant deadline) {

    /** Past its deadline with work still pending. */
    public boolean overdue(Instant now) {
        return status.workPending() && deadline != null && now.isAfter(deadline);
    }
}
