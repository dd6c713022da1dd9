package org.communityhub.gateway.web;

import org.communityhub.contract.ErrorBody;
import org.communityhub.contract.ErrorCode;

/**
 * An error the API reports as hub-contract's {@link ErrorBody} ({@code {"error":{"code":…,"message":…}}} with
 * an HTTP status). Thrown from handlers and blocking sections; {@link ApiSupport#fail} renders it. Cheap:
 * no stack trace.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorBody body;

    public ApiError(int status, String code, String message) {
        this(new ErrorBody(status, code, message));
    }

    public ApiError(ErrorBody body) {
        super(body.message(), null, false, false);
        this.body = body;
    }

    /** 400 {@code bad_parameter}: {@code parameter 'NAME': WHY}. */
    public static ApiError badParameter(String parameter, String why) {
        return new ApiError(ErrorBody.badParameter(parameter, why));
    }

    /** 404 {@code not_found}: {@code WHAT not found}. */
    public static ApiError notFound(String what) {
        return new ApiError(ErrorBody.notFound(what));
    }

    public static ApiError forbidden() {
        return new ApiError(ErrorBody.of(ErrorCode.FORBIDDEN, "your role may not do this"));
    }

    public static ApiError unauthorized() {
        return new ApiError(ErrorBody.of(ErrorCode.UNAUTHORIZED, "log in first (Authorization: Bearer <token>)"));
    }

    /** A validly signed token whose login was deleted or changed since (role, community, password). */
    public static ApiError revoked() {
        return new ApiError(ErrorBody.of(ErrorCode.UNAUTHORIZED, "this login changed or was removed; log in again"));
    }

    public int status() {
        return body.status();
    }

    public String code() {
        return body.code();
    }

    /** The reply's body. */
    public ErrorBody body() {
        return body;
    }
}
