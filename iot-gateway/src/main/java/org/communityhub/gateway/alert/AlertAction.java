package org.communityhub.gateway.alert;

/** What an event does to alerts. */
public sealed interface AlertAction {

    /**
     * The key of the alert this action locks and changes ({@code rule|correlation key}); empty for
     * {@link None}. Writers take their locks in this key's order, so two writers cannot deadlock.
     */
    String lockKey();

    /** Nothing: the event raises no alert. */
    record None() implements AlertAction {
        @Override
        public String lockKey() {
            return "";
        }
    }

    /** Open an alert, or fold into the open one with the same rule and key within the window. */
    record Raise(AlertRule rule, String correlationKey) implements AlertAction {
        @Override
        public String lockKey() {
            return rule.code() + "|" + correlationKey;
        }
    }

    /** Record a reset on the open alert; a person still has to close it. */
    record RecordReset(AlertRule rule, String correlationKey) implements AlertAction {
        @Override
        public String lockKey() {
            return rule.code() + "|" + correlationKey;
        }
    }
}
