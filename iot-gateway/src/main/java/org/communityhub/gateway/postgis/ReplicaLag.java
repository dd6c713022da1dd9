package org.communityhub.gateway.postgis;

import java.util.ArrayDeque;

/**
 * How far a streaming replica is behind its primary, on the hub's own clock (no clocks of two servers compared,
 * and an idle primary is not "behind"): every check notes the primary's WAL position and when it was seen;
 * the lag is the age of the oldest noted position the replica has not replayed yet, 0 when it has replayed all
 * of them. So it grows from the moment the primary first wrote something the replica does not have, with the
 * resolution of the check interval. Also the fence: after a change that public reads show, reads stay on the
 * primary until the replica has replayed the primary's position noted after that change. Not thread-safe: the
 * one checker thread owns it. Costs O(1) per check; at most {@link #MAX_NOTED} positions (a day of checks).
 */
final class ReplicaLag {

    static final int MAX_NOTED = 86_400;

    /** {position, nanoTime} pairs, positions increasing. */
    private final ArrayDeque<long[]> noted = new ArrayDeque<>();
    private long fence = Long.MIN_VALUE;

    /** The primary's WAL ended at {@code lsn} at {@code nanos}. */
    void primaryAt(long lsn, long nanos) {
        if ((noted.isEmpty() || noted.peekLast()[0] < lsn) && noted.size() < MAX_NOTED) {
            noted.addLast(new long[] {lsn, nanos});
        }
    }

    /** The replica has replayed up to {@code lsn}; its lag at {@code nanos}, in seconds. */
    double replayed(long lsn, long nanos) {
        while (!noted.isEmpty() && noted.peekFirst()[0] <= lsn) {
            noted.removeFirst();
        }
        return noted.isEmpty() ? 0 : Math.max(0, nanos - noted.peekFirst()[1]) / 1e9;
    }

    /** Reads wait for the replica to have replayed {@code lsn}. */
    void fence(long lsn) {
        fence = Math.max(fence, lsn);
    }

    /** Whether a replica that replayed up to {@code lsn} has not reached the fence yet. */
    boolean fenced(long lsn) {
        return lsn < fence;
    }
}
