package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.cases.notice.NotificationStore;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The logged-in user's own in-app notifications (issue 16's reminders), any role:
 * {@code GET /api/v1/notifications[?unread=true][&limit=]} → {@code {"notifications": [...], "unread": n}},
 * newest first; {@code POST /api/v1/notifications/{id}/read} → the notification, read (404 when it is not
 * the caller's: another user's is never revealed). Database work on the worker pool. Thread-safe.
 */
public final class NotificationRoutes {

    private final ApiSupport api;
    private final NotificationStore notifications;
    private final Clock clock;

    public NotificationRoutes(ApiSupport api, NotificationStore notifications, Clock clock) {
        this.api = api;
        this.notifications = notifications;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/notifications").handler(api::authenticate).handler(this::list);
        router.post("/api/v1/notifications/:id/read").handler(api::authenticate).handler(this::read);
    }

    private void list(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String unread = ctx.request().getParam("unread");
        if (unread != null && !unread.matches("true|false")) {
            throw ApiError.badParameter("unread", "must be true or false");
        }
        int limit = ApiSupport.intParam(ctx, "limit", 50, 1, 500);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            notifications.list(p.username(), "true".equals(unread), limit).forEach(n -> out.add(ApiJson.notification(n)));
            return new JsonObject().put("notifications", out).put("unread", notifications.unread(p.username()));
        });
    }

    private void read(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        long id = ApiSupport.longPath(ctx, "id");
        api.respond(ctx, () -> ApiJson.notification(notifications.markRead(p.username(), id, clock.instant())
                .orElseThrow(() -> ApiError.notFound("notification"))));
    }
}
