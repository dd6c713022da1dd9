package org.communityhub.gateway.responders;

import java.time.Duration;
import java.util.List;

/**
 * Port: the delivery outbox (rows are planned by the database when an alert opens or escalates) and its attempt
 * log. Claiming is safe across threads and hub instances: a row is leased to one worker at a time, and a row whose
 * lease ran out (its worker died) is claimed again. Implementations block on I/O. Thread-safe.
 */
public interface DeliveryStore {

    /**
     * Leases up to {@code max} due pending rows to {@code owner} for {@code lease} and counts the attempt. Due times
     * and leases run on the store's clock (the database's), one clock for every instance.
     */
    List<DeliveryClaim> claim(String owner, Duration lease, int max);

    /** Records a successful attempt; false when {@code owner} no longer held the lease (nothing is changed then). */
    boolean delivered(DeliveryClaim claim, String owner, SendResult result);

    /**
     * Records a failed attempt and frees the row for another try after {@code retryAfter}, or marks it failed for
     * good when {@code retryAfter} is null.
     */
    void failed(DeliveryClaim claim, String owner, SendResult result, Duration retryAfter);

    /** The newest attempts first, of one alert or (null) of all. */
    List<DeliveryLogEntry> log(Long alertId, int limit);
}
