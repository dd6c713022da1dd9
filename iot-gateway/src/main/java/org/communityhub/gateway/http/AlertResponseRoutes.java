package org.communityhub.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.alert.Transition;
import org.communityhub.gateway.alert.TransitionResult;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The responders' steps on an alert (CONTRACT §8): {@code POST /api/v1/alerts/{id}/confirm} {@code {"real", "note"?}}
 * (fire alarms; real: {@code confirmed} and tier 2 at once; false: resolved as {@code false_alarm}, note required),
 * {@code /take} (assign to myself), {@code /comments} {@code {"text"}} (roles security and admin), and {@code /assign}
 * {@code {"assignee"}} (admin: CONTRACT §6 gives security take, not assign). Each answers with the alert's JSON.
 * Another community's alert is 404; a resolved one 409.
 */
final class AlertResponseRoutes {

    private final ApiSupport api;
    private final AlertStore alerts;

    AlertResponseRoutes(ApiSupport api, AlertStore alerts) {
        this.api = api;
        this.alerts = alerts;
    }

    void mount(Router router) {
        router.post("/api/v1/alerts/:id/confirm").handler(api::authenticate).handler(this::confirm);
        router.post("/api/v1/alerts/:id/take").handler(api::authenticate).handler(this::take);
        router.post("/api/v1/alerts/:id/assign").handler(api::authenticate).handler(this::assign);
        router.post("/api/v1/alerts/:id/comments").handler(api::authenticate).handler(this::comment);
    }

    private void confirm(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.ADMIN);
        JsonObject body = ApiSupport.body(ctx);
        if (!(body.getValue("real") instanceof Boolean real)) {
            throw ApiError.badParameter("real", "must be true (a real fire) or false (a false alarm)");
        }
        String note = string(body, "note");
        Transition.Confirm t;
        try {
            t = new Transition.Confirm(real, note);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("note", e.getMessage().replaceFirst("^note: ", ""));
        }
        String remote = ApiSupport.remote(ctx);
        step(ctx, id -> alerts.apply(id, p.scope(), t, p.username(), remote));
    }

    private void take(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.ADMIN);
        String remote = ApiSupport.remote(ctx);
        step(ctx, id -> alerts.assign(id, p.scope(), p.username(), p.username(), remote));
    }

    private void assign(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.ADMIN);
        String assignee = string(ApiSupport.body(ctx), "assignee");
        if (assignee == null || assignee.isBlank()) {
            throw ApiError.badParameter("assignee", "the login to assign the alert to");
        }
        String remote = ApiSupport.remote(ctx);
        step(ctx, id -> alerts.assign(id, p.scope(), assignee.strip(), p.username(), remote));
    }

    private void comment(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.ADMIN);
        String text = string(ApiSupport.body(ctx), "text");
        if (text == null || text.isBlank() || text.strip().length() > AlertStore.MAX_COMMENT) {
            throw ApiError.badParameter("text", "1–" + AlertStore.MAX_COMMENT + " characters");
        }
        String remote = ApiSupport.remote(ctx);
        step(ctx, id -> alerts.comment(id, p.scope(), text, p.username(), remote));
    }

    private void step(RoutingContext ctx, Function<Long, TransitionResult> work) {
        long id = ApiSupport.longPath(ctx, "id");
        api.respond(ctx, () -> {
            TransitionResult r;
            try {
                r = work.apply(id);
            } catch (IllegalArgumentException e) {
                throw ChannelRoutes.ChannelForm.named(e);
            }
            if (r instanceof TransitionResult.Done done) {
                return ApiJson.alert(done.alert());
            }
            if (r instanceof TransitionResult.Conflict c) {
                throw new ApiError(409, "conflict", "alert " + id + " is " + c.current().code());
            }
            throw ApiError.notFound("alert " + id);
        });
    }

    private static String string(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw ApiError.badParameter(field, "must be a string");
        }
        return (String) v;
    }
}
