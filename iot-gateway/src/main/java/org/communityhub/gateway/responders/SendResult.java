package org.communityhub.gateway.responders;

import java.util.HashSet;
import java.util.Set;

/**
 * What one sending attempt came to.
 *
 * @param httpStatus  null when no answer came (connection refused, timeout)
 * @param error       null on success (or, delivered, a note of what did not get through: an SMS batch's numbers
 *                    refused for good, masked); else a short reason with no URL query, no secret and no phone number
 * @param rateLimited the receiver said "too many" (retry no sooner than its window)
 * @param permanent   the receiver refused it in a way no retry can change (an SMS provider's "illegal phone number",
 *                    "unknown AccessKey"): the delivery fails at once, without retries
 * @param reached     SMS only: the {@link PhoneDigests digests} of the numbers the delivery has reached so far (this
 *                    attempt's and the earlier ones'), kept with the delivery so a retry texts only the others; never
 *                    numbers. Empty for the other kinds
 */
public record SendResult(boolean delivered, Integer httpStatus, String error, boolean rateLimited, boolean permanent,
                         Set<String> reached) {

    public SendResult {
        reached = reached == null ? Set.of() : Set.copyOf(reached);
    }

    /** A result that reached no SMS number (every kind but SMS). */
    public SendResult(boolean delivered, Integer httpStatus, String error, boolean rateLimited, boolean permanent) {
        this(delivered, httpStatus, error, rateLimited, permanent, Set.of());
    }

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

    /** This result with {@code more} digests added to {@link #reached}. */
    public SendResult reaching(Set<String> more) {
        Set<String> all = new HashSet<>(reached);
        all.addAll(more);
        return new SendResult(delivered, httpStatus, error, rateLimited, permanent, all);
    }
}
