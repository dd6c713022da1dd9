package org.communityhub.gateway.ws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.communityhub.contract.ErrorBody;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.auth.Token;
import org.communityhub.gateway.cases.notice.NotificationStore;
import org.communityhub.gateway.change.ChangeDispatcher;
import org.communityhub.gateway.change.CommittedAlerts;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.ingest.StageTimings;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream?token=…[&since=seq]}: one JSON text message per change, to every
 * connected user whose scope covers it: {@code {"kind":"alert","seq":n,"alert":{…}}} and
 * {@code {"kind":"device","device":{…}}}, and to its recipient alone {@code {"kind":"notification",
 * "notification":{…}}} (issue 16's reminders). Changes come from {@code pg_notify} on commit, so an
 * alert raised by any gateway instance reaches clients of all; an alert this instance's ingest wrote also comes
 * straight from its writer after the commit ({@link CommittedAlerts}), without waiting for the notice and a lookup,
 * and whichever of the two arrives second is dropped by the alert's {@code seq}. A client that reconnects with
 * {@code since} first receives every alert changed after that sequence. A client may send
 * {@code {"watch":"<device code>"}} to receive that device's new events ({@code kind:"event"}; {@link DeviceWatch}).
 *
 * <p>Connections are bounded by a {@link ConnectionLimit}: a slot is taken before anything else
 * (token check, handshake), so upgrades in progress count too, and a request past the limit gets
 * 503 with {@code Retry-After: 5} and {@code Connection: close} at the cost of one atomic update.
 * Then one login may hold at most {@code maxPerUser} connections ({@link UserConnections}): past
 * that, 429 {@code too_many_connections} with {@code Retry-After: 5}, while other logins still
 * connect. Every way out — refused token or parameter, failed handshake, close, socket exception —
 * gives the slots back exactly once. A client whose send buffer is full is closed (it reconnects and
 * catches up) so a slow reader cannot grow the heap.
 *
 * <p>A token is checked at the upgrade (signature, expiry, and that its login was not changed or
 * deleted: {@link org.communityhub.gateway.auth.AccessCheck}, 401 otherwise) and again every
 * {@value #ACCESS_CHECK_MS} ms while the connection is open: a connection whose token expired or was
 * revoked is closed with {@value #POLICY_VIOLATION} (policy violation), reason {@code token expired}
 * or {@code access revoked}. A client may send {@value #MESSAGE_BURST} messages at once and
 * {@value #MESSAGES_PER_SECOND} per second after that; one more and it gets
 * {@code {"kind":"error","error":{"code":"rate_limited",…}}} and the connection is closed with
 * {@value #POLICY_VIOLATION}. All socket work runs on the verticle's event loop; database reads on
 * the worker pool.
 */
public final class AlertStream implements ChangeDispatcher.LiveChanges, CommittedAlerts.Target {

    private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
    /** Seconds a refused client is asked to wait before it tries again. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String FULL = new ErrorBody(503, "too_many_connections",
            "the stream is at its connection limit; retry later").json();
    /** WebSocket close code for a token that expired or was revoked, and for a client over its message rate. */
    static final short POLICY_VIOLATION = 1008;
    static final int MESSAGES_PER_SECOND = 5;
    static final int MESSAGE_BURST = 20;
    static final long ACCESS_CHECK_MS = 2000;
    /** Alert changes this close to the alert's newest event count as that event's way to the stream. */
    private static final java.time.Duration NOTICE_TIMED = java.time.Duration.ofMinutes(1);
    private static final String RATE_LIMITED = new JsonObject().put("kind", "error").put("error", new JsonObject()
            .put("code", "rate_limited").put("message", "more than " + MESSAGE_BURST + " messages at once or "
                    + MESSAGES_PER_SECOND + " per second; closing")).encode();

    private final Vertx vertx;
    private final ApiSupport api;
    private final AlertStore alerts;
    private final DeviceQueries devices;
    private final NotificationStore notifications;
    private final ConnectionLimit limit;
    private final UserConnections perUser;
    private final StageTimings stages;
    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final DeviceWatch watches;
    private Context context;

    /** @param stages where the notice, lookup, hand-off and send times of alert changes go */
    public AlertStream(Vertx vertx, ApiSupport api, AlertStore alerts, DeviceQueries devices,
                       NotificationStore notifications, int maxConnections, int maxPerUser, StageTimings stages) {
        this.vertx = vertx;
        this.stages = stages;
        this.api = api;
        this.alerts = alerts;
        this.devices = devices;
        this.notifications = notifications;
        this.limit = new ConnectionLimit(maxConnections);
        this.perUser = new UserConnections(maxPerUser);
        this.watches = new DeviceWatch(api, devices, this::write);
    }

    /** Mounts the route; call from the HTTP verticle's start so the stream lives on its context. */
    public void mount(Router router) {
        context = vertx.getOrCreateContext();
        router.get("/api/v1/stream").handler(this::upgrade);
        vertx.setPeriodic(1000, id -> watches.poll(sessions));
        vertx.setPeriodic(ACCESS_CHECK_MS, id -> checkAccess());
    }

    /** Stream connections holding a slot now, upgrades in progress included (any thread, O(1)). */
    public int connections() {
        return limit.inUse();
    }

    private void upgrade(RoutingContext ctx) {
        Optional<ConnectionLimit.Slot> taken = limit.tryAcquire();
        if (taken.isEmpty()) {
            refuse(ctx);
            return;
        }
        ConnectionLimit.Slot slot = taken.get();
        Optional<Token> token = api.tokens().decode(ctx.request().getParam("token"));
        if (token.isEmpty()) {
            slot.release();
            ApiSupport.error(ctx, 401, "unauthorized", "the stream needs ?token=<login token>");
            return;
        }
        long since;
        try {
            String s = ctx.request().getParam("since");
            since = s == null || s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            slot.release();
            ApiSupport.error(ctx, 400, "bad_parameter", "parameter 'since': must be an alert sequence number");
            return;
        }
        Optional<UserConnections.Slot> mine = perUser.tryAcquire(token.get().username());
        if (mine.isEmpty()) {
            slot.release();
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
            ApiSupport.error(ctx, 429, "too_many_connections", "this login already holds " + perUser.max()
                    + " stream connections (HUB_STREAM_MAX_PER_USER); close one first");
            return;
        }
        ctx.request().pause(); // unread until the upgrade, which may follow a lookup on the worker pool
        api.stillValid(token.get()).onComplete(valid -> {
            if (valid.failed() || !valid.result()) {
                slot.release();
                mine.get().release();
                ctx.request().resume();
                ApiSupport.fail(ctx, valid.failed() ? valid.cause() : ApiError.revoked());
                return;
            }
            Future<ServerWebSocket> upgraded;
            try {
                upgraded = ctx.request().toWebSocket();
            } catch (IllegalStateException e) {
                upgraded = Future.failedFuture(e);
            }
            upgraded.onSuccess(ws -> open(ws, token.get(), since, slot, mine.get())).onFailure(e -> {
                slot.release();
                mine.get().release();
                LOG.debug("websocket upgrade failed: {}", e.getMessage());
                if (!ctx.response().ended()) {
                    ctx.request().connection().close();
                }
            });
        });
    }

    /** 503 and close the connection, so a refused client cannot keep it for another attempt. */
    private static void refuse(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(503).putHeader("Retry-After", RETRY_AFTER_SECONDS).putHeader("Connection", "close")
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(FULL).onComplete(done -> ctx.request().connection().close());
    }

    private void open(ServerWebSocket ws, Token token, long since, ConnectionLimit.Slot slot,
                      UserConnections.Slot userSlot) {
        StreamSession session = new StreamSession(ws, token, slot, userSlot,
                new MessageRate(MESSAGES_PER_SECOND, MESSAGE_BURST, System.nanoTime()));
        sessions.add(session);
        ws.closeHandler(v -> end(session));
        ws.exceptionHandler(e -> {
            LOG.debug("stream client failed: {}", e.getMessage());
            end(session);
            ws.close();
        });
        ws.textMessageHandler(text -> onClientMessage(session, text));
        if (ws.isClosed()) {
            end(session);
            return;
        }
        if (since >= 0) {
            catchUp(session, since);
        }
    }

    /** The session is over: no more messages, and its slots back (once, however many paths lead here). */
    private void end(StreamSession session) {
        sessions.remove(session);
        session.releaseSlots();
    }

    /** Closes {@code session} with {@code code}: no more messages; the slots come back in the close handler. */
    private void close(StreamSession session, short code, String reason) {
        sessions.remove(session);
        if (!session.socket().isClosed()) {
            session.socket().close(code, reason);
        }
    }

    /**
     * Closes every connection whose token expired, or whose login was deleted or changed (from the access
     * cache; logins missing from it are loaded in one query on the worker pool, then judged).
     */
    private void checkAccess() {
        Instant now = api.clock().instant();
        Set<String> unknown = new HashSet<>();
        for (StreamSession s : sessions) {
            if (s.token().expiredAt(now)) {
                close(s, POLICY_VIOLATION, "token expired");
                continue;
            }
            Optional<Boolean> valid = api.access().fromCache(s.token());
            if (valid.isEmpty()) {
                unknown.add(s.token().username());
            } else if (!valid.get()) {
                close(s, POLICY_VIOLATION, "access revoked");
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        api.blocking(() -> {
            api.access().refresh(unknown);
            return null;
        }).onSuccess(v -> sessions.stream().filter(s -> unknown.contains(s.token().username()))
                .filter(s -> !api.access().fromCache(s.token()).orElse(true)).toList()
                .forEach(s -> close(s, POLICY_VIOLATION, "access revoked")));
    }

    /** A client's message: within its rate, a {@link DeviceWatch} request; past it, the connection is closed. */
    private void onClientMessage(StreamSession session, String text) {
        if (!sessions.contains(session)) {
            return; // being closed
        }
        if (!session.allowMessage(System.nanoTime())) {
            if (!session.socket().isClosed()) {
                session.socket().writeTextMessage(RATE_LIMITED);
            }
            LOG.info("closing a stream client over its message rate ({})", session.principal().username());
            close(session, POLICY_VIOLATION, "rate limited");
            return;
        }
        watches.onMessage(session, text);
    }

    private void catchUp(StreamSession session, long since) {
        api.blocking(() -> alerts.changedSince(since, session.principal().scope(), 1000).stream()
                        .map(OutgoingAlert::of).toList())
                .onSuccess(list -> list.forEach(a -> send(session, a)));
    }

    /**
     * Called by the change dispatcher (any thread): sends the alert to every session that sees it, and
     * times it: its newest event taken by the hub → this notice (only for changes within a minute of that
     * event: an acknowledgement of an old alert is no ingest figure), → read back, → sent.
     */
    @Override
    public void alertChanged(long id) {
        long heard = System.nanoTime();
        Instant heardAt = api.clock().instant();
        onContext(() -> api.blocking(() -> alerts.find(id, null).map(OutgoingAlert::of)).onSuccess(a -> a.ifPresent(out -> {
            long found = System.nanoTime();
            Alert alert = out.alert();
            if (alert.lastEventAt() != null && alert.lastEventAt().isAfter(heardAt.minus(NOTICE_TIMED))) {
                stages.record(StageTimings.Stage.NOTICE, alert.lastEventAt(), heardAt);
            }
            stages.record(StageTimings.Stage.LOOKUP, found - heard);
            sessions.forEach(s -> send(s, out));
            stages.record(StageTimings.Stage.SEND, System.nanoTime() - found);
        })));
    }

    /** Any thread: whether a client is connected (an ingest writer then reads its alerts back for {@link #alertsCommitted}). */
    @Override
    public boolean listening() {
        return !sessions.isEmpty();
    }

    /**
     * Called by an ingest writer of this instance right after its commit (any thread): sends the alerts to every
     * session that sees them (their messages encoded here, on the writer's thread), and times the way from their newest
     * event taken by the hub to here ({@link StageTimings.Stage#HANDOFF}, changes within a minute of that event only)
     * and the hop alone ({@link StageTimings.Stage#HOP}: handed over → running on the stream's event loop).
     */
    @Override
    public void alertsCommitted(List<Alert> changed) {
        List<OutgoingAlert> out = changed.stream().map(OutgoingAlert::of).toList();
        Instant handed = api.clock().instant();
        long handedNanos = System.nanoTime();
        onContext(() -> {
            long onLoop = System.nanoTime();
            stages.record(StageTimings.Stage.HOP, onLoop - handedNanos);
            Instant onLoopAt = handed.plusNanos(onLoop - handedNanos);
            for (Alert a : changed) {
                if (a.lastEventAt() != null && a.lastEventAt().isAfter(handed.minus(NOTICE_TIMED))) {
                    stages.record(StageTimings.Stage.HANDOFF, a.lastEventAt(), onLoopAt);
                }
            }
            sessions.forEach(s -> out.forEach(a -> send(s, a)));
            stages.record(StageTimings.Stage.SEND, System.nanoTime() - onLoop);
        });
    }

    /** Called by the change dispatcher (any thread): sends the device's status to every session that sees it. */
    @Override
    public void deviceChanged(String code) {
        onContext(() -> api.blocking(() -> devices.device(code)).onSuccess(d -> d.ifPresent(this::broadcastDevice)));
    }

    /** Called by the change dispatcher (any thread): sends the notification to its recipient's sessions here, if any. */
    @Override
    public void notificationAdded(long id, String recipient) {
        onContext(() -> {
            if (sessions.stream().anyMatch(s -> recipient.equals(s.principal().username()))) {
                api.blocking(() -> notifications.find(id)).onSuccess(n -> n.ifPresent(x -> sessions.stream()
                        .filter(s -> x.recipient().equals(s.principal().username()))
                        .forEach(s -> write(s, StreamMessages.notification(x)))));
            }
        });
    }

    /** Called by the change dispatcher (any thread) after notices may have been missed: every session catches up. */
    @Override
    public void resync() {
        onContext(() -> sessions.forEach(s -> catchUp(s, s.lastSeq())));
    }

    /** Runs {@code work} on the verticle's event loop, unless no session is open then. */
    private void onContext(Runnable work) {
        context.runOnContext(v -> {
            if (!sessions.isEmpty()) {
                work.run();
            }
        });
    }

    private void send(StreamSession s, OutgoingAlert out) {
        Alert a = out.alert();
        if (s.principal().sees(a.community()) && a.changeSeq() > s.lastSeqSent(a.id())) {
            write(s, out.json());
            s.sent(a.id(), a.changeSeq());
        }
    }

    private void broadcastDevice(DeviceView d) {
        String message = StreamMessages.device(d);
        sessions.stream().filter(s -> s.principal().sees(d.device().community())).forEach(s -> write(s, message));
    }

    private void write(StreamSession s, String message) {
        ServerWebSocket ws = s.socket();
        if (ws.isClosed()) {
            end(s);
            return;
        }
        if (ws.writeQueueFull()) {
            LOG.info("closing a stream client that does not keep up ({})", s.principal().username());
            sessions.remove(s); // the slot is released by the close handler, once the socket is really gone
            ws.close((short) 1013, "too slow; reconnect with since=" + s.lastSeq());
            return;
        }
        ws.writeTextMessage(message);
    }
}
