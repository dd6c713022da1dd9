package org.communityhub.gateway.demo;

import java.time.Instant;
import java.util.List;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseCommand;

/**
 * One demo case as planned: who reports what where and when, the workflow steps that follow (in time order) and
 * the reporter's rating once it is closed. Seeding takes the steps due before "now" and no later ones.
 *
 * @param reporter the grid worker who reports it, or null for a resident (no account)
 * @param contact the resident's call-back number, or null
 * @param rating the resident's rating after the last step, or null
 */
record PlannedCase(Instant submittedAt, DemoSite.Spot spot, CaseCategory category, String description, String reporter,
                   String contact, List<Step> steps, Rating rating) {

    /**
     * The note of a grid worker's small matter closed on the spot (现场办结: one operation at filing time, planned
     * as its handle and close steps by the reporter), or null.
     */
    String onTheSpot() {
        if (reporter != null && steps.size() == 2 && reporter.equals(steps.get(0).actor())
                && steps.get(0).command() instanceof org.communityhub.gateway.cases.CaseCommand.Handle h
                && steps.get(1).command() instanceof org.communityhub.gateway.cases.CaseCommand.Close) {
            return h.note();
        }
        return null;
    }

    PlannedCase {
        steps = List.copyOf(steps);
    }

    /** A workflow step taken by demo login {@code actor} at {@code at}. */
    record Step(Instant at, String actor, CaseCommand command) {
    }

    /** The reporter's 1–5 rating through the tracking code. */
    record Rating(Instant at, int score, String comment) {
    }
}
