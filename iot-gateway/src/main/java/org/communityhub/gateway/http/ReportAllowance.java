package org.communityhub.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import org.communityhub.gateway.auth.LoginThrottle;
import org.communityhub.gateway.web.ApiSupport;

/**
 * How many anonymous case reports one client (address, as {@code HUB_TRUSTED_PROXIES} resolves it) may make:
 * {@link #STORED} stored reports within {@link #WINDOW}, and {@link #ATTEMPTS} attempts of any outcome within the
 * same window. A report is counted when it arrives, before its body is read (so parallel requests cannot all slip
 * past the check), and given back ({@link #refused}) when it was not stored (400, 413, 415, 422, 503, or a
 * connection closed before filing): a resident whose phone sent a photo the hub refuses, or who was outside the
 * area, keeps the allowance. The attempts allowance keeps the protection against floods that counting every request
 * gave: refused requests cost the hub their body (up to 20 MiB) and, with photos, their decoding (tens of ms of CPU
 * each), so one client may make at most {@link #ATTEMPTS} of them in a window, five times the stored allowance,
 * which leaves room for a person's retries (a bad field fixed, a photo replaced, a busy hub) but not for a script.
 * Windows are fixed (they start with the client's first counted request); {@link #retryAfter} says when the
 * blocking one ends. In memory, per hub instance, thread-safe ({@link LoginThrottle}).
 */
final class ReportAllowance {

    static final int STORED = 10;
    static final int ATTEMPTS = 50;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final LoginThrottle stored;
    private final LoginThrottle attempts;

    ReportAllowance(Clock clock) {
        this.stored = new LoginThrottle(STORED, WINDOW, clock);
        this.attempts = new LoginThrottle(ATTEMPTS, WINDOW, clock);
    }

    /**
     * Counts a report of {@code client} arriving: true when it may go on (and is then counted as stored until
     * {@link #refused}), false when the client is past an allowance (nothing counted).
     */
    boolean admit(String client) {
        if (!wait(client).isZero()) {
            return false;
        }
        stored.failed(client);
        attempts.failed(client);
        return true;
    }

    /** The admitted report of {@code client} was not stored: it no longer counts against the stored allowance. */
    void refused(String client) {
        stored.forgive(client);
    }

    /** How long until {@code client} may report again ({@link Duration#ZERO}: now). */
    Duration wait(String client) {
        Duration a = stored.blockedFor(client);
        Duration b = attempts.blockedFor(client);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The {@code Retry-After} seconds for {@code client}: {@link #wait} rounded up, at least 1. */
    long retryAfter(String client) {
        Duration w = wait(client);
        long seconds = w.getSeconds() + (w.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * Handler: anonymous reports are counted per client before the body is read; past an allowance, 429 with the
     * seconds left. A report that ends other than stored (201) is given back once its answer is sent or its
     * connection gone.
     */
    void throttle(RoutingContext ctx) {
        if (ctx.request().getHeader("Authorization") == null) {
            String client = ApiSupport.remote(ctx);
            if (!admit(client)) {
                ctx.response().putHeader("Retry-After", String.valueOf(retryAfter(client)));
                ApiSupport.error(ctx, 429, "too_many_reports", "too many reports from this client; try again later");
                return;
            }
            ctx.addEndHandler(done -> {
                if (!ctx.response().ended() || ctx.response().getStatusCode() != 201) {
                    refused(client);
                }
            });
        }
        ctx.next();
    }
}
