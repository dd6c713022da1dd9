package org.communityhub.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;
import org.junit.jupiter.api.Test;

/** The closed loop's rules, step by step, and the order of refusals (404, 403, 409, 400). */
class CaseWorkflowTest {

    private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
    private final CaseWorkflow rules = new CaseWorkflow(Map.of(CaseCategory.NOISE, Duration.ofHours(12)));
    private final CaseActor dispatcher = new CaseActor("disp", CaseActor.Kind.DISPATCHER, "fubao", Set.of());
    private final CaseActor street = new CaseActor("street", CaseActor.Kind.DISPATCHER, null, Set.of());
    private final CaseActor workerA = new CaseActor("wa", CaseActor.Kind.GRID_WORKER, "fubao", Set.of("g-a"));
    private final CaseActor workerB = new CaseActor("wb", CaseActor.Kind.GRID_WORKER, "fubao", Set.of("g-b"));
    private final CaseActor guard = new CaseActor("guard", CaseActor.Kind.OTHER_STAFF, "fubao", Set.of());

    private static CaseFile file(CaseStatus status, String reporter, String assignee) {
        return new CaseFile(1, CaseCategory.ENVIRONMENT, status, "fubao", "g-a", reporter, assignee,
                status.workPending() ? NOW.plusSeconds(3600) : null);
    }

    private static CaseFile after(CaseFile c, CaseChange change) {
        return new CaseFile(c.id(), c.category(), change.to(), c.community(), c.grid(), c.reporter(), change.assignee(),
                change.deadline());
    }

    @Test
    void aResidentsReportGoesRoundTheWholeLoop() {
        CaseFile c = file(CaseStatus.SUBMITTED, null, null);
        CaseChange accepted = rules.apply(c, dispatcher, new CaseCommand.Accept(null, null, "wa"), NOW);
        assertThat(accepted.to()).isEqualTo(CaseStatus.ASSIGNED);
        assertThat(accepted.deadline()).as("the category's default limit").isEqualTo(NOW.plus(Duration.ofHours(72)));
        assertThat(accepted.priority()).isEqualTo("normal");
        c = after(c, accepted);
        c = after(c, rules.apply(c, workerA, new CaseCommand.Start(), NOW));
        assertThat(c.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        CaseChange handled = rules.apply(c, workerA, new CaseCommand.Handle("  bin emptied  "), NOW);
        assertThat(handled.note()).isEqualTo("bin emptied");
        c = after(c, handled);
        assertThatThrownBy(() -> rules.apply(after(file(CaseStatus.HANDLED, null, "wa"), handled), workerA,
                new CaseCommand.Close(), NOW)).extracting("kind").isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        c = after(c, rules.apply(c, dispatcher, new CaseCommand.Close(), NOW));
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        CaseChange reopened = rules.apply(c, street, new CaseCommand.Reopen("still full"), NOW);
        assertThat(reopened.to()).isEqualTo(CaseStatus.ASSIGNED);
        assertThat(reopened.deadline()).isEqualTo(NOW.plus(Duration.ofHours(72)));
    }

    @Test
    void aDispatcherReturnsAnUnsatisfactoryHandlingForReworkToTheSameAssignee() {
        CaseFile handled = file(CaseStatus.HANDLED, null, "wa");
        CaseChange back = rules.apply(handled, dispatcher, new CaseCommand.Rework("  bin still full  "), NOW);
        assertThat(back.action()).isEqualTo("rework");
        assertThat(back.from()).isEqualTo(CaseStatus.HANDLED);
        assertThat(back.to()).as("not closed: back to work").isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(back.assignee()).isEqualTo("wa");
        assertThat(back.deadline()).as("the deadline stands").isEqualTo(handled.deadline());
        assertThat(back.note()).isEqualTo("bin still full");
        CaseFile again = after(handled, back);
        assertThat(rules.apply(again, workerA, new CaseCommand.Handle("emptied twice"), NOW).to())
                .isEqualTo(CaseStatus.HANDLED);
        assertThat(rules.apply(handled, street, new CaseCommand.Rework("again"), NOW).to())
                .isEqualTo(CaseStatus.IN_PROGRESS);

        assertThatThrownBy(() -> rules.apply(handled, workerA, new CaseCommand.Rework("x"), NOW))
                .as("the assignee does not send its own work back").extracting("kind")
                .isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        assertThatThrownBy(() -> rules.apply(handled, guard, new CaseCommand.Rework("x"), NOW)).extracting("kind")
                .isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        for (CaseStatus s : new CaseStatus[] {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, CaseStatus.ASSIGNED}) {
            assertThatThrownBy(() -> rules.apply(file(s, null, "wa"), dispatcher, new CaseCommand.Rework("x"), NOW))
                    .as(s.code()).extracting("kind").isEqualTo(CaseRuleException.Kind.CONFLICT);
        }
        assertThatThrownBy(() -> rules.apply(handled, dispatcher, new CaseCommand.Rework("  "), NOW))
                .extracting("kind", "field").containsExactly(CaseRuleException.Kind.INVALID, "reason");
    }

    @Test
    void acceptWithNobodyToAssignStaysAcceptedAndConfiguredLimitsApply() {
        CaseFile noise = new CaseFile(2, CaseCategory.NOISE, CaseStatus.SUBMITTED, "fubao", null, null, null, null);
        CaseChange a = rules.apply(noise, dispatcher, new CaseCommand.Accept(null, "high", null), NOW);
        assertThat(a.to()).isEqualTo(CaseStatus.ACCEPTED);
        assertThat(a.deadline()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(rules.apply(noise, dispatcher, new CaseCommand.Accept(Duration.ofHours(4), null, null), NOW).deadline())
                .isEqualTo(NOW.plusSeconds(4 * 3600));
        assertThatThrownBy(() -> rules.apply(noise, dispatcher, new CaseCommand.Accept(Duration.ofDays(31), null, null),
                NOW)).extracting("kind", "field").containsExactly(CaseRuleException.Kind.INVALID, "deadline_hours");
        assertThatThrownBy(() -> rules.apply(noise, dispatcher, new CaseCommand.Accept(null, "asap", null), NOW))
                .extracting("field").isEqualTo("priority");
    }

    @Test
    void aGridWorkerHandlesAndClosesTheirOwnSmallMatterOnTheSpot() {
        CaseFile own = file(CaseStatus.SUBMITTED, "wa", null);
        java.util.List<CaseChange> steps = rules.closeOnTheSpot(own, workerA, "moved the bike", NOW);
        assertThat(steps).extracting(CaseChange::action).containsExactly("handle", "close");
        CaseChange handled = steps.get(0);
        assertThat(handled.to()).isEqualTo(CaseStatus.HANDLED);
        assertThat(handled.assignee()).isEqualTo("wa");
        assertThat(handled.note()).isEqualTo("moved the bike");
        assertThat(handled.deadline()).as("handled at once: on time").isEqualTo(NOW);
        assertThat(steps.get(1).to()).isEqualTo(CaseStatus.CLOSED);
        assertThatThrownBy(() -> rules.closeOnTheSpot(own, workerA, " ", NOW)).extracting("field").isEqualTo("note");
        assertThatThrownBy(() -> rules.closeOnTheSpot(file(CaseStatus.SUBMITTED, null, null), workerA, "x", NOW))
                .as("somebody else's report").extracting("kind").isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        // only at filing time: never later through the steps
        assertThatThrownBy(() -> rules.apply(own, workerA, new CaseCommand.Handle("x"), NOW))
                .as("the worker's own report, later: triaged first").extracting("kind")
                .isEqualTo(CaseRuleException.Kind.CONFLICT);
        CaseFile handledOwn = after(own, handled);
        assertThatThrownBy(() -> rules.apply(handledOwn, workerA, new CaseCommand.Close(), NOW))
                .as("the dispatcher checks and closes").extracting("kind").isEqualTo(CaseRuleException.Kind.FORBIDDEN);
    }

    @Test
    void refusalsComeInTheContractsOrder() {
        CaseFile c = file(CaseStatus.ASSIGNED, null, "wa");
        assertThatThrownBy(() -> rules.apply(c, workerB, new CaseCommand.Start(), NOW)).as("another grid: not found")
                .extracting("kind").isEqualTo(CaseRuleException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> rules.apply(c, new CaseActor("d2", CaseActor.Kind.DISPATCHER, "yiyuan", Set.of()),
                new CaseCommand.Close(), NOW)).extracting("kind").isEqualTo(CaseRuleException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> rules.apply(c, workerA, new CaseCommand.Assign("wb"), NOW)).as("workers do not dispatch")
                .extracting("kind").isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        assertThatThrownBy(() -> rules.apply(c, guard, new CaseCommand.Start(), NOW))
                .extracting("kind").isEqualTo(CaseRuleException.Kind.FORBIDDEN);
        assertThatThrownBy(() -> rules.apply(c, dispatcher, new CaseCommand.Close(), NOW)).as("not handled yet")
                .extracting("kind").isEqualTo(CaseRuleException.Kind.CONFLICT);
        assertThatThrownBy(() -> rules.apply(c, dispatcher, new CaseCommand.Reject(" "), NOW))
                .extracting("kind", "field").containsExactly(CaseRuleException.Kind.INVALID, "reason");
        assertThatThrownBy(() -> rules.apply(c, workerA, new CaseCommand.Handle("x".repeat(1001)), NOW))
                .extracting("field").isEqualTo("note");
    }

    @Test
    void onlyPendingWorkPastItsDeadlineIsOverdue() {
        CaseFile late = new CaseFile(3, CaseCategory.OTHER, CaseStatus.IN_PROGRESS, "fubao", "g-a", null, "wa",
                NOW.minusSeconds(1));
        assertThat(late.overdue(NOW)).isTrue();
        assertThat(new CaseFile(3, CaseCategory.OTHER, CaseStatus.HANDLED, "fubao", "g-a", null, "wa",
                NOW.minusSeconds(1)).overdue(NOW)).as("handled: the clock stopped").isFalse();
        assertThat(file(CaseStatus.SUBMITTED, null, null).overdue(NOW)).isFalse();
    }
}
