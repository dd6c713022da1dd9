package org.communityhub.gateway.alert;

/** What an event does to alerts. */
public sealed interface AlertAction {

    /** Nothing: the event raises no alert. */
    record None() implements AlertAction {
    }

    /** Open an alert, or fold into the open one with the same rule and key within the window. */
    record Raise(AlertRule rule, String correlationKey) implements AlertAction {
    }

    /** Record a reset on the open alert; a person still has to close it. */
    record RecordReset(AlertRule rule, String correlationKey) implements AlertAction {
    }
}
