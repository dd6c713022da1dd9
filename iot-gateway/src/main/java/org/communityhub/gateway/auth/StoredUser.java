package org.communityhub.gateway.auth;

import java.time.Instant;

/** A login as stored: never leaves the server. */
public record StoredUser(String username, String passwordHash, Role role, String community, int failedLogins,
                         Instant lockedUntil) {

    public Principal principal() {
        return new Principal(username, role, community);
    }
}
