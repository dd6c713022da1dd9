package org.communityhub.contract;

import java.util.Locale;

/**
 * The error codes every HTTP module answers with in the same situation (CONTRACT §5), each with its
 * status; {@link #code()} is the wire word. A module may add codes of its own for its own situations
 * (e.g. {@code photo_too_large}) through {@link ErrorBody}'s constructor, never a second word for one of
 * these. Immutable; safe from any thread.
 */
public enum ErrorCode {
    /** A query or path parameter, or a body field, is missing or malformed; the message names it. */
    BAD_PARAMETER(400),
    /** The request as a whole cannot be used (no body, wrong content type). */
    BAD_REQUEST(400),
    /** The body is not the JSON object the route needs. */
    MALFORMED_JSON(400),
    /** No valid login: missing, expired or revoked token. */
    UNAUTHORIZED(401),
    /** Logged in, but the role may not do this. */
    FORBIDDEN(403),
    /** No such object, or one outside the caller's scope (its existence is not revealed). */
    NOT_FOUND(404),
    /** The object is in a state that does not allow the step. */
    CONFLICT(409),
    /** A point outside every community (CONTRACT §7). */
    OUTSIDE_AREA(422),
    /** The hub sheds load: a query took too long or its pool is full; retry later or ask for less. */
    BUSY(503),
    /** The database (or another service the answer needs) cannot be reached or failed. */
    UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }

    /** The wire word, e.g. {@code bad_parameter}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
