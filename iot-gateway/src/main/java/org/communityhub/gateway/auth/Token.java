package org.communityhub.gateway.auth;

import java.time.Instant;

/**
 * What a verified token says: who, the login's token version it was issued for, and when it expires.
 * Whether it still stands for the login as stored now is {@link AccessCheck}'s question.
 */
public record Token(Principal principal, int version, Instant expiresAt) {

    /** Whether the token has expired at {@code now} (it is valid through its expiry second). */
    public boolean expiredAt(Instant now) {
        return now.getEpochSecond() > expiresAt.getEpochSecond();
    }

    public String username() {
        return principal.username();
    }
}
