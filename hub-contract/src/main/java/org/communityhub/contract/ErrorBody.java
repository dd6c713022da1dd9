package org.communityhub.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP error as CONTRACT §5 shapes it: a status and the body {@code {"error":{"code":…,"message":…}}}.
 * Both HTTP modules build their error replies from this type (the Vert.x response writing stays in
 * each module's adapter), so they agree on the shape, the words of {@link ErrorCode} and the message
 * format: a bad parameter reads {@code parameter 'NAME': RULE}, a missing object {@code WHAT not found},
 * and a database that cannot answer is 503 {@code unavailable}. Immutable; safe from any thread;
 * {@link #json()} costs one pass over the message.
 *
 * @param status  the HTTP status, 400–599
 * @param code    the machine-readable word, {@code [a-z0-9_]+}
 * @param message one human sentence; never secrets, stack traces or SQL
 */
public record ErrorBody(int status, String code, String message) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9_]+");

    public ErrorBody {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400-599, was " + status);
        }
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("an error code is [a-z0-9_]+, was " + code);
        }
        Objects.requireNonNull(message, "message");
    }

    /** An error of the shared vocabulary, answered with the code's status. */
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.status(), code.code(), message);
    }

    /** 400 {@code bad_parameter}: {@code parameter 'NAME': RULE}, e.g. {@code parameter 'lon': must be a number}. */
    public static ErrorBody badParameter(String parameter, String rule) {
        return of(ErrorCode.BAD_PARAMETER, "parameter '" + parameter + "': " + rule);
    }

    /** 404 {@code not_found}: {@code WHAT not found}, e.g. {@code collection 'roads' not found}. */
    public static ErrorBody notFound(String what) {
        return of(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** 503 {@code unavailable}: the database failed or cannot be reached; the cause goes to the log, not here. */
    public static ErrorBody unavailable() {
        return of(ErrorCode.UNAVAILABLE, "the service is temporarily unavailable");
    }

    /** The body as JSON text, {@code {"error":{"code":"…","message":"…"}}}, strings escaped per RFC 8259. */
    public String json() {
        StringBuilder out = new StringBuilder(32 + code.length() + message.length());
        out.append("{\"error\":{\"code\":");
        quote(code, out);
        out.append(",\"message\":");
        quote(message, out);
        return out.append("}}").toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
