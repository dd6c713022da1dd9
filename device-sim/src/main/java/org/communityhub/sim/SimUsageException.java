package org.communityhub.sim;

/** The command line or its inputs cannot be used; exits with status 2 and the message. Immutable. */
public final class SimUsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimUsageException(String message) {
        super(message);
    }
}
