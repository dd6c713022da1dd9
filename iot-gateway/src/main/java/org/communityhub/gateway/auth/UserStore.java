package org.communityhub.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Port: logins. Blocking; call off the event loop. */
public interface UserStore {

    Optional<StoredUser> find(String username);

    /** Creates or updates a login; {@code community} must exist unless the role is admin. */
    void upsert(String username, String passwordHash, Role role, String community);

    List<StoredUser> list();

    boolean delete(String username);

    /** Counts a failed password; after {@code lockAfter} failures the account is locked for {@code lockFor}. */
    void recordFailure(String username, int lockAfter, Duration lockFor);

    void recordSuccess(String username);

    /** Appends to the audit log. */
    void audit(String actor, String action, String objectType, String objectId, String community, String detail,
               String remote);
}
