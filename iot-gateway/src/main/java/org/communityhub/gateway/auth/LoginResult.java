package org.communityhub.gateway.auth;

/** The answer to a login attempt. */
public sealed interface LoginResult {

    record Success(String token, Principal principal) implements LoginResult {
    }

    /** Wrong name or password (which one is not said). */
    record Failure() implements LoginResult {
    }

    /** Too many failures from this address, or the account is locked for a while. */
    record Throttled() implements LoginResult {
    }
}
