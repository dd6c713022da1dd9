package org.communityhub.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: logins. Blocking; call off the event loop. */
public interface UserStore {

    Optional<StoredUser> find(String username);

    /**
     * Creates or updates a login; {@code community} must exist unless the role is admin. An update clears the
     * failure count and lock and bumps the token version (revoking the login's tokens).
     */
    void upsert(String username, String passwordHash, Role role, String community);

    /**
     * As {@link #upsert(String, String, Role, String)}, and in the same transaction makes {@code grids} the login's
     * grids (CONTRACT §6, grid workers; empty for every other role).
     */
    void upsert(String username, String passwordHash, Role role, String community, List<String> grids);

    /** The community of each of {@code grids} that exists, by grid code (one query). */
    Map<String, String> gridCommunities(Collection<String> grids);

    /** The grids of a login (a grid worker's), sorted; empty for anyone else. */
    List<String> grids(String username);

    List<StoredUser> list();

    boolean delete(String username);

    /** The logins of {@code usernames} that exist, by name (one query, however many names). */
    Map<String, StoredUser> findAll(Collection<String> usernames);

    /**
     * Counts a failed password at {@code at}. Failures count within {@code window} of the first one; once that
     * has passed, or a lock has ended, counting starts again at one. The {@code lockAfter}-th failure within a
     * window locks the account for {@code lockFor} (from {@code at}).
     */
    void recordFailure(String username, Instant at, int lockAfter, Duration window, Duration lockFor);

    void recordSuccess(String username);

    /** Appends to the audit log. */
    void audit(String actor, String action, String objectType, String objectId, String community, String detail,
               String remote);
}
