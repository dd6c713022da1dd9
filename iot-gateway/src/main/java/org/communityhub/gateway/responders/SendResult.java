package org.communityhub.gateway.responders;

/**
 * What one sending attempt came to.
 *
 * @param httpStatus  null when no answer came (connection refused, timeout)
 * @param error       null on success; else a short reason with no URL query and no secret in it
 * @param rateLimited the receiver said "too many" (retry no sooner than its window)
 */
public record SendResult(boolean delivered, Integer httpStatus, String error, boolean rateLimited) {

    public static SendResult ok(int httpStatus) {
        return new SendResult(true, httpStatus, null, false);
    }

    public static SendResult failed(Integer httpStatus, String error, boolean rateLimited) {
        return new SendResult(false, httpStatus, error == null ? "failed" : error, rateLimited);
    }
}
