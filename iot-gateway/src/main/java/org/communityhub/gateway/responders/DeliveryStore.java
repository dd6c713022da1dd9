package org.communityhub.gateway.responders;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Port: the delivery outbox (rows are planned by the database when an alert opens or escalates) and its attempt
 * log. Claiming is safe across threads and hub instances: a row is leased to one worker at a time, and a row whose
 * lease ran out (its worker died) is claimed again. Implementations block on I/O. Thread-safe.
 */
public interface DeliveryStore {

    /**
     * Leases up to {@code max} due pending rows to {@code owner} for {@code lease} and counts the attempt, in due
     * order, but at most {@code perChannel} minus {@code busy.get(channel)} (the caller's sends still outstanding to
     * that channel) of any one channel: rows beyond that stay pending for a later claim. Due times and leases run on
     * the store's clock (the database's), one clock for every instance.
     */
    List<DeliveryClaim> claim(String owner, Duration lease, int max, int perChannel, Map<Long, Integer> busy);

    /**
     * Records a successful attempt; false when {@code owner} no longer held the lease (then only the attempt is logged
     * and, while the row is pending, the SMS numbers {@link SendResult#reached} are added to the row's).
     */
    boolean delivered(DeliveryClaim claim, String owner, SendResult result);

    /**
     * Records a failed attempt and frees the row for another try after {@code retryAfter}, or marks it failed for
     * good when {@code retryAfter} is null. When {@code owner} no longer held the lease, only the attempt is logged
     * and, while the row is pending, the SMS numbers {@link SendResult#reached} are added to the row's.
     */
    void failed(DeliveryClaim claim, String owner, SendResult result, Duration retryAfter);

    /**
     * Logs a channel test (the test button): a delivery without an alert, already {@code delivered} or
     * {@code failed}, with its one attempt by {@code worker}. No worker ever claims it.
     */
    void recordTest(long channelId, int tier, String worker, SendResult result);

    /** The newest attempts first, of one alert or (null) of all; a test's attempt has no alert. */
    List<DeliveryLogEntry> log(Long alertId, int limit);
}
