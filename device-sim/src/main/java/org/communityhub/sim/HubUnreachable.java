package org.communityhub.sim;

/** The hub's HTTP API or database cannot be reached; exits with status 3. Immutable. */
public final class HubUnreachable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HubUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
