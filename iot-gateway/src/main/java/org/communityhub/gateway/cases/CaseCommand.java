package org.communityhub.gateway.cases;

import java.time.Duration;
import java.util.Locale;

/** One step somebody asks a case to take (CONTRACT §7, {@code POST /api/v1/cases/{id}/…}). */
public sealed interface CaseCommand {

    /**
     * The step's name in the API and the history: the record's name in lower case ({@code Accept} →
     * {@code "accept"}), so a new step cannot be given a name that differs from its type. Cheap (no
     * reflection beyond {@link Class#getSimpleName()}, which the JVM caches); thread-safe.
     */
    default String action() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * Triage (研判): the case is taken on, gets its deadline and, when somebody fits, its assignee.
     *
     * @param limit the time to handle it, or null for the category's limit
     * @param assignee who works on it (chosen by the dispatcher, else the grid's worker), or null
     */
    record Accept(Duration limit, String priority, String assignee) implements CaseCommand {}

    record Reject(String reason) implements CaseCommand {}

    record Assign(String assignee) implements CaseCommand {}

    record Start() implements CaseCommand {}

    record Handle(String note) implements CaseCommand {}

    record Close() implements CaseCommand {}

    record Reopen(String reason) implements CaseCommand {}

    /**
     * The dispatcher sends an unsatisfactory handling back (退回重办): {@code handled} → {@code in_progress} with the
     * same assignee and deadline; the reason is audited and shown to the assignee. Not a close: no rating is asked.
     */
    record Rework(String reason) implements CaseCommand {}
}
