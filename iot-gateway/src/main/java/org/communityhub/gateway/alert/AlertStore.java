package org.communityhub.gateway.alert;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Port: reading alerts and moving them through their lifecycle. Every transition is written to
 * the audit log in the same transaction. Implementations block on I/O; call them off the event loop.
 */
public interface AlertStore {

    List<Alert> list(AlertQuery query);

    /** The alert, if it exists and lies in {@code community} (null: any community). */
    Optional<Alert> find(long id, String community);

    /** Alerts changed after sequence {@code seq}, oldest change first, for catching up after a reconnect. */
    List<Alert> changedSince(long seq, String community, int limit);

    /**
     * Applies a transition. Resolving an alert nobody acknowledged acknowledges it first (two audit rows).
     *
     * @param remote the caller's address, for the audit log
     */
    TransitionResult apply(long id, String community, Transition transition, String actor, String remote);

    /**
     * Escalates critical alerts still open after {@code after}: level 1 (every security user of the
     * community) after one period, level 2 (admins) after two. Returns the alerts escalated now.
     */
    List<Alert> escalateDue(Duration after);
}
