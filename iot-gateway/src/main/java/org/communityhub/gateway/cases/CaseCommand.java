package org.communityhub.gateway.cases;

import java.time.Duration;

/** One step somebody asks a case to take (CONTRACT §7, {@code POST /api/v1/cases/{id}/…}). */
public sealed interface CaseCommand {

    /** The step's name in the API and the history. */
    String action();

    /**
     * Triage (研判): the case is taken on, gets its deadline and, when somebody fits, its assignee.
     *
     * @param limit the time to handle it, or null for the category's limit
     * @param assignee who works on it (chosen by the dispatcher, else the grid's worker), or null
     */
    record Accept(Duration limit, String priority, String assignee) implements CaseCommand {
        public String action() {
            return "accept";
        }
    }

    record Reject(String reason) implements CaseCommand {
        public String action() {
            return "reject";
        }
    }

    record Assign(String assignee) implements CaseCommand {
        public String action() {
            return "assign";
        }
    }

    record Start() implements CaseCommand {
        public String action() {
            return "start";
        }
    }

    record Handle(String note) implements CaseCommand {
        public String action() {
            return "handle";
        }
    }

    record Close() implements CaseCommand {
        public String action() {
            return "close";
        }
    }

    record Reopen(String reason) implements CaseCommand {
        public String action() {
            return "reopen";
        }
    }
}
