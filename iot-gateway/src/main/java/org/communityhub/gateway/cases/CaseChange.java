package org.communityhub.gateway.cases;

import java.time.Instant;
import org.communityhub.contract.CaseStatus;

/**
 * What a permitted step does to a case: its new status, assignee and deadline, and the line the
 * history keeps (who, what, the note the reporter may see).
 *
 * @param priority the priority set by this step, or null to keep the case's
 * @param note the step's note or reason (shown to the reporter in the history), or null
 */
public record CaseChange(String action, CaseStatus from, CaseStatus to, String assignee, Instant deadline,
                         String priority, String note) {
}
