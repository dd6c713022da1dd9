package org.communityhub.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseCommand;
import org.junit.jupiter.api.Test;

/** The plan depends on seed, community and hour only: windows that share hours share their cases. */
class DemoCasePlanTest {

    private static final DemoStaff STAFF = new DemoStaff(List.of(new DemoSite.GridRef("c01-g1", "c01"),
            new DemoSite.GridRef("c01-g2", "c01")));
    private static final List<DemoSite.Spot> IN_GRIDS = List.of(new DemoSite.Spot("c01", "c01-g1", 114.05, 22.54),
            new DemoSite.Spot("c01", "c01-g2", 114.06, 22.54));
    private static final List<DemoSite.Spot> STREETS = List.of(new DemoSite.Spot("c01", null, 114.04, 22.53));
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private static DemoCasePlan plan() {
        return new DemoCasePlan(7, 4, STAFF, CaseCategory::defaultLimit);
    }

    @Test
    void planningInTwoPiecesGivesTheSameCasesAsInOne() {
        Instant from = NOW.minus(Duration.ofDays(21));
        Instant middle = NOW.minus(Duration.ofDays(9)).plusSeconds(1234);
        List<PlannedCase> whole = plan().plan("c01", IN_GRIDS, STREETS, from, NOW);
        List<PlannedCase> pieces = new ArrayList<>(plan().plan("c01", IN_GRIDS, STREETS, from, middle));
        pieces.addAll(plan().plan("c01", IN_GRIDS, STREETS, middle, NOW));
        assertThat(whole).hasSizeGreaterThan(50).isEqualTo(pieces);
        assertThat(plan().plan("c01", IN_GRIDS, STREETS, NOW, NOW)).isEmpty();
    }

    @Test
    void stepsRunForwardFromTheSubmissionAndStreetCasesAreAssignedByHand() {
        List<PlannedCase> cases = plan().plan("c01", IN_GRIDS, STREETS, NOW.minus(Duration.ofDays(21)), NOW);
        for (PlannedCase c : cases) {
            Instant last = c.submittedAt();
            for (PlannedCase.Step s : c.steps()) {
                assertThat(s.at()).as(c.toString()).isAfter(last);
                last = s.at();
            }
            if (c.rating() != null) {
                assertThat(c.rating().at()).isAfter(last);
                assertThat(c.steps().get(c.steps().size() - 1).command()).isInstanceOf(CaseCommand.Close.class);
            }
            boolean assignedByHand = c.steps().stream().anyMatch(s -> s.command() instanceof CaseCommand.Assign);
            if (c.spot().grid() != null) {
                assertThat(assignedByHand).as("a grid's case goes to the grid's worker").isFalse();
            }
        }
        assertThat(cases).anyMatch(c -> c.spot().grid() == null
                && c.steps().stream().anyMatch(s -> s.command() instanceof CaseCommand.Assign));
    }
}
