package org.communityhub.gateway.cases.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: the in-app notifications (一天一提醒 and overdue notices) and the claims that make each one happen once,
 * across restarts and hub instances: a notice is stored only if its recipient has none with its key, and a
 * case's overdue transition (case, deadline) is claimed by one instance only. Blocking; thread-safe.
 */
public interface NotificationStore {

    /** The user's notifications, newest first ({@code unreadOnly}: only those not read yet). */
    List<Notification> list(String recipient, boolean unreadOnly, int limit);

    /** How many of the user's notifications are unread. */
    long unread(String recipient);

    Optional<Notification> find(long id);

    /** Marks the user's notification read (keeps the first time); empty when it is not theirs or not there. */
    Optional<Notification> markRead(String recipient, long id, Instant at);

    /** Users with assigned cases still to work on who have no notification with {@code key} yet. */
    List<String> digestRecipients(String key);

    /** Stores the notice unless its recipient has one with its key; the stored notification, or empty. */
    Optional<Notification> claim(Notice notice, Instant at);

    /**
     * In one transaction: claims up to {@code limit} cases whose work is pending past their deadline as of
     * {@code now} and whose (case, deadline) was not claimed before, stores the notices {@code notices} makes of
     * each and plans the message {@code channels} makes of each for the channels taking case notices (issue 17's
     * outbox); returns the stored notifications.
     */
    List<Notification> claimOverdue(Instant now, int limit, Function<OverdueCase, List<Notice>> notices,
                                    Function<OverdueCase, ChannelNotice> channels);

    /**
     * A case that became overdue, with the dispatchers whose scope covers it (its community's and the
     * subdistrict-wide ones), by username.
     */
    record OverdueCase(long id, String category, String community, String grid, Instant deadline,
                       List<String> dispatchers) {
    }
}
