package org.communityhub.gateway.web;

/**
 * An error the API reports as {@code {"error":{"code":…,"message":…}}} with an HTTP status.
 * Thrown from handlers and blocking sections; {@link ApiSupport#fail} renders it.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badParameter(String parameter, String why) {
        return new ApiError(400, "bad_parameter", "parameter '" + parameter + "': " + why);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " not found");
    }

    public static ApiError forbidden() {
        return new ApiError(403, "forbidden", "your role may not do this");
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "log in first (Authorization: Bearer <token>)");
    }

    /** A validly signed token whose login was deleted or changed since (role, community, password). */
    public static ApiError revoked() {
        return new ApiError(401, "unauthorized", "this login changed or was removed; log in again");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
