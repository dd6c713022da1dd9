package org.communityhub.geo.http;

import io.vertx.core.json.JsonObject;

/** A client error to answer with {@code {"error":{"code","message"}}}; the message names the parameter. */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static HttpProblem badParameter(String parameter, String rule) {
        return new HttpProblem(400, "bad_parameter", "parameter '" + parameter + "' " + rule);
    }

    static HttpProblem notFound(String what) {
        return new HttpProblem(404, "not_found", what);
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body(code, getMessage());
    }

    static JsonObject body(String code, String message) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
    }
}
