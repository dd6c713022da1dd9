package org.communityhub.gateway.alert;

import java.time.Duration;
import java.time.Instant;
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
     * community, and the tier-2 channels) after one period, level 2 (admins, tier-3 channels) after two; a fire
     * alarm not confirmed (real or false) escalates the same way after {@code fireConfirm} and twice that, even
     * when acknowledged. One level per alert and call. Returns the alerts escalated now.
     *
     * @param now the current time (the caller's clock)
     */
    List<Alert> escalateDue(Duration after, Duration fireConfirm, Instant now);

    /**
     * Assigns an alert that is not resolved to {@code assignee} (a security or admin login that sees the alert's
     * community; else {@link IllegalArgumentException} naming {@code assignee}). Audited.
     */
    TransitionResult assign(long id, String community, String assignee, String actor, String remote);

    /** Adds a comment (1–{@value #MAX_COMMENT} characters, else {@link IllegalArgumentException} naming {@code text}). */
    TransitionResult comment(long id, String community, String text, String actor, String remote);

    int MAX_COMMENT = 2000;
}
