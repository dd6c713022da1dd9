package org.communityhub.gateway.responders;

import java.util.List;

/**
 * Port: the duty roster (who is on duty when, per community and tier) and the staff phone numbers its paging
 * mentions. "Now" is the store's clock (the database's: one clock for every hub instance and for the paging done
 * in the database). Every change is audited. Blocking; thread-safe.
 */
public interface RosterStore extends PagedStaff {

    /** @throws IllegalArgumentException naming {@code user} or {@code community} when they do not fit */
    RosterEntry create(NewRosterEntry entry, String actor, String remote);

    /** The entries of one community, or of all (null), by community, tier, user. */
    List<RosterEntry> list(String community);

    /** False when there is no such entry. */
    boolean delete(long id, String actor, String remote);

    /** The entries whose shift covers the present moment, of one community, by tier and user. */
    List<RosterEntry> onDutyNow(String community);

    /**
     * Sets (or with null clears) a login's staff phone number; false when there is no such login.
     *
     * @throws IllegalArgumentException naming {@code phone} when it is not a phone number
     */
    boolean setPhone(String username, String phone, String actor, String remote);
}
