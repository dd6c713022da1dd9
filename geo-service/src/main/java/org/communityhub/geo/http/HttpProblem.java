package org.communityhub.geo.http;

import org.communityhub.contract.ErrorBody;

/**
 * A client error to answer with hub-contract's {@link ErrorBody} ({@code {"error":{"code","message"}}}), thrown
 * from parameter checks; the message names the parameter. Cheap: no stack trace.
 */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorBody error;

    HttpProblem(int status, String code, String message) {
        this(new ErrorBody(status, code, message));
    }

    private HttpProblem(ErrorBody error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** 400 {@code bad_parameter}: {@code parameter 'NAME': RULE}. */
    static HttpProblem badParameter(String parameter, String rule) {
        return new HttpProblem(ErrorBody.badParameter(parameter, rule));
    }

    /** 404 {@code not_found}: {@code WHAT not found}. */
    static HttpProblem notFound(String what) {
        return new HttpProblem(ErrorBody.notFound(what));
    }

    int status() {
        return error.status();
    }

    ErrorBody error() {
        return error;
    }
}
