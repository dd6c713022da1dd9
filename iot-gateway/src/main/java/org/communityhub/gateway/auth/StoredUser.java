package org.communityhub.gateway.auth;

import java.time.Instant;

/**
 * A login as stored: never leaves the server.
 *
 * @param tokenVersion bumped on every change of the login (role, community, password); tokens name the version
 *                     they were issued for, so a change revokes them
 */
public record StoredUser(String username, String passwordHash, Role role, String community, int failedLogins,
                         Instant lockedUntil, int tokenVersion) {

    public Principal principal() {
        return new Principal(username, role, community);
    }
}
