package org.communityhub.gateway.alert;

/** What became of a requested lifecycle step. */
public sealed interface TransitionResult {

    /** Done; the alert as it is now. */
    record Done(Alert alert) implements TransitionResult {
    }

    /** No such alert in the caller's scope. */
    record NotFound() implements TransitionResult {
    }

    /** The alert is not in a state that allows the step (e.g. already resolved). */
    record Conflict(AlertStatus current) implements TransitionResult {
    }
}
