package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.communityhub.gateway.alert.AlertQuery;
import org.communityhub.gateway.alert.AlertStatus;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.alert.IncidentContextSource;
import org.communityhub.gateway.alert.Outcome;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.alert.Transition;
import org.communityhub.gateway.alert.TransitionResult;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * {@code /api/v1/alerts}: list (newest first, scoped), one alert with its incident context, and
 * the acknowledge / resolve steps (roles security and admin). Another community's alert is 404.
 */
final class AlertRoutes {

    private final ApiSupport api;
    private final AlertStore alerts;
    private final IncidentContextSource context;

    AlertRoutes(ApiSupport api, AlertStore alerts, IncidentContextSource context) {
        this.api = api;
        this.alerts = alerts;
        this.context = context;
    }

    void mount(Router router) {
        router.get("/api/v1/alerts").handler(api::authenticate).handler(this::list);
        router.get("/api/v1/alerts/:id").handler(api::authenticate).handler(this::one);
        router.post("/api/v1/alerts/:id/ack").handler(api::authenticate).handler(ctx -> transition(ctx, false));
        router.post("/api/v1/alerts/:id/resolve").handler(api::authenticate).handler(ctx -> transition(ctx, true));
    }

    private void list(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String status = ctx.request().getParam("status");
        String severity = ctx.request().getParam("severity");
        AlertStatus st = status == null || status.isEmpty() ? null : AlertStatus.fromCode(status)
                .orElseThrow(() -> ApiError.badParameter("status", "must be open, acknowledged, confirmed or resolved"));
        Severity sv = severity == null || severity.isEmpty() ? null : Severity.fromCode(severity)
                .orElseThrow(() -> ApiError.badParameter("severity", "must be critical, high, medium or low"));
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        AlertQuery q = AlertHistoryParams.read(ctx, st, sv, scope, ApiSupport.intParam(ctx, "limit", 100, 1, 1000));
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            var found = alerts.list(q);
            found.forEach(a -> out.add(ApiJson.alert(a)));
            String next = found.size() < q.limit() ? null : AlertQuery.Cursor.after(found.get(found.size() - 1)).text();
            return new JsonObject().put("alerts", out).put("next", next);
        });
    }

    private void one(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        long id = ApiSupport.longPath(ctx, "id");
        api.respond(ctx, () -> {
            var alert = alerts.find(id, p.scope()).orElseThrow(() -> ApiError.notFound("alert " + id));
            return ApiJson.alert(alert).put("context", ApiJson.incident(context.describe(alert, 3)));
        });
    }

    private void transition(RoutingContext ctx, boolean resolve) {
        Principal p = ApiSupport.require(ctx, Role.SECURITY, Role.ADMIN);
        long id = ApiSupport.longPath(ctx, "id");
        Transition t;
        if (resolve) {
            JsonObject body = ApiSupport.body(ctx);
            Object outcomeValue = body.getValue("outcome");
            Outcome outcome = outcomeValue instanceof String s ? Outcome.fromCode(s).orElse(null) : null;
            if (outcome == null) {
                throw ApiError.badParameter("outcome", "must be \"resolved\" or \"false_alarm\"");
            }
            Object note = body.getValue("note");
            if (note != null && !(note instanceof String)) {
                throw ApiError.badParameter("note", "must be a string");
            }
            try {
                t = new Transition.Resolve(outcome, (String) note);
            } catch (IllegalArgumentException e) {
                throw ApiError.badParameter("note", e.getMessage().replaceFirst("^note: ", ""));
            }
        } else {
            t = new Transition.Acknowledge();
        }
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            TransitionResult r = alerts.apply(id, p.scope(), t, p.username(), remote);
            if (r instanceof TransitionResult.Done done) {
                return ApiJson.alert(done.alert());
            }
            if (r instanceof TransitionResult.Conflict c) {
                throw new ApiError(409, "conflict", "alert " + id + " is " + c.current().code());
            }
            throw ApiError.notFound("alert " + id);
        });
    }
}
