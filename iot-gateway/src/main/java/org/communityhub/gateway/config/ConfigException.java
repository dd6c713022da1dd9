package org.communityhub.gateway.config;

/** The configuration is invalid; the message lists every problem, in one line, with no secret in it. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
