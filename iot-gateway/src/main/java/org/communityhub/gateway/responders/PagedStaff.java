package org.communityhub.gateway.responders;

import java.util.List;

/**
 * Port: who was paged for an alert at a tier (the duty roster's people on duty then, recorded by the database in the
 * transaction that opened or escalated the alert). Blocking; thread-safe.
 */
public interface PagedStaff {

    /** Nobody: for wiring without a roster. */
    PagedStaff NONE = (alertId, tier) -> List.of();

    /** The people paged for the alert at the tier, by username. */
    List<OnDuty> paged(long alertId, int tier);
}
