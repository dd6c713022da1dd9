package org.communityhub.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.communityhub.contract.ErrorBody;
import org.communityhub.contract.ErrorCode;
import org.communityhub.gateway.auth.AccessCheck;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.Token;
import org.communityhub.gateway.auth.TokenCodec;
import org.communityhub.gateway.config.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub's two web adapters share — the REST route groups ({@code http}) and the alert stream
 * ({@code ws}) — so that neither imports the other: running blocking work on the database worker pool (never the
 * event loop), JSON replies, the error shape, parameter parsing that names the bad parameter,
 * and the bearer-token check (signature and expiry on the event loop, then whether the login still
 * has that role, community and token version: from {@link AccessCheck}'s cache, or on the worker pool
 * when the cache has nothing fresh). Thread-safe.
 */
public final class ApiSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSupport.class);
    static final String PRINCIPAL = "hub.principal";
    static final String CLIENT_ADDRESS = "hub.client";
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final WorkerExecutor workers;
    private final TokenCodec tokens;
    private final AccessCheck access;

    public ApiSupport(WorkerExecutor workers, TokenCodec tokens, AccessCheck access) {
        this.workers = workers;
        this.tokens = tokens;
        this.access = access;
    }

    /** Runs {@code work} on the worker pool, unordered, so slow queries do not queue behind each other. */
    public <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** The hub's injected clock: every "now" of the web adapters comes from it. */
    public java.time.Clock clock() {
        return access.clock();
    }

    public TokenCodec tokens() {
        return tokens;
    }

    public AccessCheck access() {
        return access;
    }

    /**
     * Whether {@code token} still stands for its login: at once from the cache, else after a lookup on the
     * worker pool (the future completes on the caller's context).
     */
    public Future<Boolean> stillValid(Token token) {
        Optional<Boolean> cached = access.fromCache(token);
        return cached.isPresent() ? Future.succeededFuture(cached.get()) : blocking(() -> access.current(token));
    }

    /** Replies with the result of blocking {@code work} as JSON, or with its error. */
    public void respond(RoutingContext ctx, Callable<JsonObject> work) {
        blocking(work).onSuccess(body -> json(ctx, 200, body)).onFailure(e -> fail(ctx, e));
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    public static void fail(RoutingContext ctx, Throwable e) {
        Throwable t = e;
        if (!(t instanceof ApiError) && t.getCause() instanceof ApiError) {
            t = t.getCause();
        }
        if (t instanceof ApiError api) {
            error(ctx, api.body());
        } else if (t instanceof IllegalArgumentException bad) {
            error(ctx, ErrorBody.of(ErrorCode.BAD_REQUEST, bad.getMessage() == null ? "bad request" : bad.getMessage()));
        } else {
            LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), t.toString());
            error(ctx, ErrorBody.unavailable());
        }
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        error(ctx, new ErrorBody(status, code, message));
    }

    /** Replies with hub-contract's error body (unless a reply was already sent). */
    public static void error(RoutingContext ctx, ErrorBody body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(body.status()).putHeader("content-type", "application/json; charset=utf-8")
                .end(body.json());
    }

    /** The request body as a JSON object, or a 400 that says why not. */
    public static JsonObject body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new ApiError(ErrorBody.of(ErrorCode.BAD_REQUEST, "the request needs a JSON object body"));
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiError(ErrorBody.of(ErrorCode.MALFORMED_JSON, "the request body is not a JSON object"));
        }
    }

    /**
     * Checks the bearer token, and that it was not revoked; on success the principal is in the context for
     * the next handler. A revoked token (login deleted, or its role, community or password changed) gets 401.
     */
    public void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : null;
        Optional<Token> t = tokens.decode(token);
        if (t.isEmpty()) {
            fail(ctx, ApiError.unauthorized());
            return;
        }
        stillValid(t.get()).onComplete(r -> {
            if (r.failed()) {
                fail(ctx, r.cause());
            } else if (!r.result()) {
                fail(ctx, ApiError.revoked());
            } else {
                ctx.put(PRINCIPAL, t.get().principal());
                ctx.next();
            }
        });
    }

    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** The principal, if their role is one of {@code roles}; else 403. */
    public static Principal require(RoutingContext ctx, Role... roles) {
        Principal p = principal(ctx);
        if (p == null) {
            throw ApiError.unauthorized();
        }
        if (Arrays.stream(roles).noneMatch(r -> r == p.role())) {
            throw ApiError.forbidden();
        }
        return p;
    }

    public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiError.badParameter(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, "must be a whole number");
        }
    }

    public static long longPath(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiError.notFound(name);
        }
    }

    public static Instant instantParam(RoutingContext ctx, String name, Instant fallback) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw ApiError.badParameter(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-21T08:00:00+08:00");
            }
        }
    }

    /** The caller's scope intersected with a requested {@code community}; 404 for another community. */
    public static String scope(Principal p, String requested) {
        if (requested == null || requested.isEmpty()) {
            return p.scope();
        }
        if (!requested.matches("[a-z0-9-]{1,64}")) {
            throw ApiError.badParameter("community", "must be a community code");
        }
        if (!p.sees(requested)) {
            throw ApiError.notFound("community '" + requested + "'");
        }
        return requested;
    }

    /**
     * The client's address for throttling and the audit log: the TCP peer, or what a trusted reverse
     * proxy reported for it ({@link TrustedProxies}, resolved once per request by {@link #resolveClient}).
     */
    public static String remote(RoutingContext ctx) {
        String resolved = ctx.get(CLIENT_ADDRESS);
        return resolved != null ? resolved : peer(ctx);
    }

    /** Resolves the request's client address once, before any route runs. */
    public static void resolveClient(RoutingContext ctx, TrustedProxies proxies) {
        String peer = peer(ctx);
        String client = proxies.isEmpty() ? peer : proxies.clientAddress(peer, ctx.request().headers().getAll(FORWARDED_FOR));
        if (client != null) {
            ctx.put(CLIENT_ADDRESS, client);
        }
    }

    private static String peer(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    }
}
