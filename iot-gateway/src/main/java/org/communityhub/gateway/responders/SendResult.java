package org.communityhub.gateway.responders;

/**
 * What one sending attempt came to.
 *
 * @param httpStatus  null when no answer came (connection refused, timeout)
 * @param error       null on success (or, delivered, a note of what did not get through: an SMS batch's numbers
 *                    refused for good, masked); else a short reason with no URL query, no secret and no phone number
 * @param rateLimited the receiver said "too many" (retry no sooner than its window)
 * @param permanent   the receiver refused it in a way no retry can change (an SMS provider's "illegal phone number",
 *                    "unknown AccessKey"): the delivery fails at once, without retries
 */
public record SendResult(boolean delivered, Integer httpStatus, String error, boolean rateLimited, boolean permanent) {

    public static SendResult ok(int httpStatus) {
        return new SendResult(true, httpStatus, null, false, false);
    }

    /** A failure that may pass: tried again after the retry policy's wait. */
    public static SendResult failed(Integer httpStatus, String error, boolean rateLimited) {
        return new SendResult(false, httpStatus, error == null ? "failed" : error, rateLimited, false);
    }

    /** A failure no retry can mend: not tried again. */
    public static SendResult refused(Integer httpStatus, String error) {
        return new SendResult(false, httpStatus, error == null ? "refused" : error, false, true);
    }
}
