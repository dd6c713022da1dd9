package org.communityhub.gateway.cases;

import static org.communityhub.contract.CaseStatus.ACCEPTED;
import static org.communityhub.contract.CaseStatus.ASSIGNED;
import static org.communityhub.contract.CaseStatus.CLOSED;
import static org.communityhub.contract.CaseStatus.HANDLED;
import static org.communityhub.contract.CaseStatus.IN_PROGRESS;
import static org.communityhub.contract.CaseStatus.REJECTED;
import static org.communityhub.contract.CaseStatus.SUBMITTED;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.communityhub.contract.CaseCategory;
import org.communityhub.contract.CaseStatus;

/**
 * The closed loop's rules (CONTRACT §7): which step may follow which status, who may take it, and
 * what it changes. Checked in the order the API promises: outside the caller's scope → not found;
 * a role that never takes this step → forbidden; a status that does not allow it → conflict; a bad
 * field → invalid. Dispatchers (and admins) triage, assign, reject, close, reopen and return a handled case for
 * rework (退回重办: back to {@code in_progress}, same assignee and deadline, with a reason); the assignee or
 * a worker of the case's grid starts and handles it; a grid worker who reported a small matter may
 * handle and close it on the spot (现场办结). Pure and stateless: thread-safe, microseconds a call.
 */
public final class CaseWorkflow {

    /** The longest time limit a dispatcher may give (30 days). */
    public static final Duration MAX_LIMIT = Duration.ofDays(30);
    private static final int MAX_NOTE = 1000;
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private static final Map<String, Set<CaseStatus>> ALLOWED_FROM = Map.of(
            "accept", EnumSet.of(SUBMITTED),
            "reject", EnumSet.of(SUBMITTED, ACCEPTED, ASSIGNED, IN_PROGRESS),
            "assign", EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS),
            "start", EnumSet.of(ASSIGNED),
            "handle", EnumSet.of(ASSIGNED, IN_PROGRESS),
            "close", EnumSet.of(HANDLED),
            "reopen", EnumSet.of(CLOSED, REJECTED),
            "rework", EnumSet.of(HANDLED));

    private final Map<CaseCategory, Duration> limits;

    /** @param limits the time limit per category (限时办结); categories missing here use their default */
    public CaseWorkflow(Map<CaseCategory, Duration> limits) {
        this.limits = Map.copyOf(limits);
    }

    public Duration limitOf(CaseCategory category) {
        return limits.getOrDefault(category, category.defaultLimit());
    }

    /** What {@code command} does to {@code c} when {@code actor} asks for it at {@code now}; or why not. */
    public CaseChange apply(CaseFile c, CaseActor actor, CaseCommand command, Instant now) {
        if (!actor.sees(c)) {
            throw CaseRuleException.notFound();
        }
        String action = command.action();
        if (!mayEverTake(actor, c, command)) {
            throw CaseRuleException.forbidden(action);
        }
        if (!ALLOWED_FROM.get(action).contains(c.status())) {
            throw CaseRuleException.conflict(action, c.status());
        }
        if (command instanceof CaseCommand.Accept a) {
            return accept(c, a, now);
        } else if (command instanceof CaseCommand.Reject r) {
            return change(c, action, REJECTED, c.assignee(), c.deadline(), required("reason", r.reason()));
        } else if (command instanceof CaseCommand.Assign a) {
            return change(c, action, ASSIGNED, required("assignee", a.assignee()), c.deadline(), null);
        } else if (command instanceof CaseCommand.Start) {
            return change(c, action, IN_PROGRESS, c.assignee(), c.deadline(), null);
        } else if (command instanceof CaseCommand.Handle h) {
            return change(c, action, HANDLED, c.assignee(), c.deadline(), required("note", h.note()));
        } else if (command instanceof CaseCommand.Close) {
            return change(c, action, CLOSED, c.assignee(), c.deadline(), null);
        } else if (command instanceof CaseCommand.Rework r) {
            // Back to the same assignee, still working on it; the deadline stands (限时办结 is not reset by a rework).
            return change(c, action, IN_PROGRESS, c.assignee(), c.deadline(), required("reason", r.reason()));
        }
        String reason = required("reason", ((CaseCommand.Reopen) command).reason());
        return change(c, action, c.assignee() == null ? ACCEPTED : ASSIGNED, c.assignee(),
                now.plus(limitOf(c.category())), reason);
    }

    /**
     * 现场办结 at filing time: the grid worker who has just filed {@code c} (still {@code submitted}) handled it
     * there and then: the two steps, handled (with the note, the worker as assignee, the deadline met now) and
     * closed, in that order.
     *
     * @throws CaseRuleException FORBIDDEN for anyone but the reporting grid worker, CONFLICT past submitted,
     *         INVALID naming {@code note} when it is missing or too long
     */
    public List<CaseChange> closeOnTheSpot(CaseFile c, CaseActor actor, String note, Instant now) {
        if (actor.kind() != CaseActor.Kind.GRID_WORKER || !Objects.equals(actor.username(), c.reporter())) {
            throw CaseRuleException.forbidden("close on the spot");
        }
        if (c.status() != SUBMITTED) {
            throw CaseRuleException.conflict("close on the spot", c.status());
        }
        String n = required("note", note);
        return List.of(new CaseChange("handle", SUBMITTED, HANDLED, actor.username(), now, null, n),
                new CaseChange("close", HANDLED, CLOSED, actor.username(), now, null, null));
    }

    private static boolean mayEverTake(CaseActor actor, CaseFile c, CaseCommand command) {
        boolean worksOnIt = actor.username() != null && actor.username().equals(c.assignee())
                || actor.kind() == CaseActor.Kind.GRID_WORKER;
        if (command instanceof CaseCommand.Start || command instanceof CaseCommand.Handle) {
            return actor.dispatches() || worksOnIt;
        }
        // The dispatcher checks and closes; a grid worker's own small matter is closed only when it is filed
        // (closeOnTheSpot), never later through a step.
        return actor.dispatches(); // accept, reject, assign, close, reopen, rework
    }

    private CaseChange accept(CaseFile c, CaseCommand.Accept a, Instant now) {
        Duration limit = a.limit() == null ? limitOf(c.category()) : a.limit();
        if (limit.compareTo(Duration.ofHours(1)) < 0 || limit.compareTo(MAX_LIMIT) > 0) {
            throw CaseRuleException.invalid("deadline_hours", "must be 1.." + MAX_LIMIT.toHours());
        }
        if (a.priority() != null && !PRIORITIES.contains(a.priority())) {
            throw CaseRuleException.invalid("priority", "must be one of " + String.join(", ", PRIORITIES.stream().sorted()
                    .toList()));
        }
        CaseStatus to = a.assignee() == null ? ACCEPTED : ASSIGNED;
        return new CaseChange("accept", c.status(), to, a.assignee(), now.plus(limit),
                a.priority() == null ? "normal" : a.priority(), null);
    }

    private static CaseChange change(CaseFile c, String action, CaseStatus to, String assignee, Instant deadline,
                                     String note) {
        return new CaseChange(action, c.status(), to, assignee, deadline, null, note);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw CaseRuleException.invalid(field, "required");
        }
        String v = value.strip();
        if (v.length() > MAX_NOTE) {
            throw CaseRuleException.invalid(field, "at most " + MAX_NOTE + " characters");
        }
        return v;
    }
}
