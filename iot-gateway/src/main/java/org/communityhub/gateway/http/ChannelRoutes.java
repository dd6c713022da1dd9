package org.communityhub.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.responders.Channel;
import org.communityhub.gateway.responders.ChannelKind;
import org.communityhub.gateway.responders.ChannelSender;
import org.communityhub.gateway.responders.ChannelStore;
import org.communityhub.gateway.responders.DeliveryStore;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.responders.NoticeComposer;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Admin only (CONTRACT §8): {@code POST/GET /api/v1/admin/channels}, {@code DELETE /api/v1/admin/channels/{id}},
 * {@code POST /api/v1/admin/channels/{id}/test} (sends a test message now and answers with the outcome, audited and
 * logged as a delivery without an alert) and the delivery log {@code GET /api/v1/admin/deliveries[?alert=][&limit=]}
 * (case notices' rows have {@code alert} null and their key in {@code notice}; test sends have neither). A channel's
 * optional {@code topics} ({@code ["alerts"]} by default) may add or be {@code "cases"}: the cases' overdue notices and
 * daily digest of its community. A channel's secret is write-only: no answer carries it, and its URL is shown with the
 * credentials in it masked. An {@code sms} channel's URL carries its {@link org.communityhub.gateway.responders.SmsSettings}
 * (each bad one a 400 naming {@code url} and the parameter) and its secret the AccessKey secret. Database
 * work on the worker pool; the test send is asynchronous.
 */
public final class ChannelRoutes {

    private final ApiSupport api;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;
    private final ChannelSender sender;
    private final NoticeComposer composer;
    private final AuditLog audit;

    ChannelRoutes(ApiSupport api, ChannelStore channels, DeliveryStore deliveries, ChannelSender sender,
                  NoticeComposer composer, AuditLog audit) {
        this.api = api;
        this.channels = channels;
        this.deliveries = deliveries;
        this.sender = sender;
        this.composer = composer;
        this.audit = audit;
    }

    /** The channel, delivery and alert-response routes as a mounter for the HTTP verticle. */
    public static Consumer<Router> mounter(ApiSupport api, ChannelStore channels, DeliveryStore deliveries,
                                           ChannelSender sender, NoticeComposer composer, AuditLog audit,
                                           org.communityhub.gateway.alert.AlertStore alerts) {
        ChannelRoutes routes = new ChannelRoutes(api, channels, deliveries, sender, composer, audit);
        AlertResponseRoutes responses = new AlertResponseRoutes(api, alerts);
        return router -> {
            routes.mount(router);
            responses.mount(router);
        };
    }

    /** As {@link #mounter(ApiSupport, ChannelStore, DeliveryStore, ChannelSender, NoticeComposer, AuditLog,
     * org.communityhub.gateway.alert.AlertStore)}, plus the duty roster's routes ({@link RosterRoutes}). */
    public static Consumer<Router> mounter(ApiSupport api, ChannelStore channels, DeliveryStore deliveries,
                                           ChannelSender sender, NoticeComposer composer, AuditLog audit,
                                           org.communityhub.gateway.alert.AlertStore alerts,
                                           org.communityhub.gateway.responders.RosterStore roster) {
        Consumer<Router> rest = mounter(api, channels, deliveries, sender, composer, audit, alerts);
        RosterRoutes rosterRoutes = new RosterRoutes(api, roster);
        return router -> {
            rest.accept(router);
            rosterRoutes.mount(router);
        };
    }

    void mount(Router router) {
        router.post("/api/v1/admin/channels").handler(api::authenticate).handler(this::create);
        router.get("/api/v1/admin/channels").handler(api::authenticate).handler(this::list);
        router.delete("/api/v1/admin/channels/:id").handler(api::authenticate).handler(this::delete);
        router.post("/api/v1/admin/channels/:id/test").handler(api::authenticate).handler(this::test);
        router.get("/api/v1/admin/deliveries").handler(api::authenticate).handler(this::deliveries);
    }

    private void create(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        var form = ChannelForm.parse(ApiSupport.body(ctx));
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> {
            try {
                return channels.create(form, admin.username(), remote);
            } catch (IllegalArgumentException e) {
                throw ChannelForm.named(e);
            }
        }).onSuccess(c -> ApiSupport.json(ctx, 201, json(c))).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private void list(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            channels.list().forEach(c -> out.add(json(c)));
            return new JsonObject().put("channels", out);
        });
    }

    private void delete(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        long id = ApiSupport.longPath(ctx, "id");
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            if (!channels.delete(id, admin.username(), remote)) {
                throw ApiError.notFound("channel " + id);
            }
            return new JsonObject().put("id", id).put("deleted", true);
        });
    }

    private void test(RoutingContext ctx) {
        Principal admin = ApiSupport.require(ctx, Role.ADMIN);
        long id = ApiSupport.longPath(ctx, "id");
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> channels.target(id).orElseThrow(() -> ApiError.notFound("channel " + id)))
                .compose(target -> Future.fromCompletionStage(sender.send(target,
                        Notice.test(target.channel().name(), composer.home()),
                        "test-" + java.util.UUID.randomUUID(), java.util.Set.of()), ctx.vertx().getOrCreateContext())
                        .compose(r -> api.blocking(() -> {
                            deliveries.recordTest(id, target.channel().tier(), "test:" + admin.username(), r);
                            audit.append(admin.username(), "channel.test", "channel", Long.toString(id),
                                    target.channel().community(), r.delivered() ? "delivered" : "failed: " + r.error(),
                                    remote);
                            return new JsonObject().put("id", id).put("delivered", r.delivered())
                                    .put("http_status", r.httpStatus()).put("error", r.error());
                        })))
                .onSuccess(body -> ApiSupport.json(ctx, 200, body)).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private void deliveries(RoutingContext ctx) {
        ApiSupport.require(ctx, Role.ADMIN);
        String alert = ctx.request().getParam("alert");
        Long alertId;
        try {
            alertId = alert == null || alert.isEmpty() ? null : Long.valueOf(alert);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter("alert", "must be an alert id");
        }
        int limit = ApiSupport.intParam(ctx, "limit", 200, 1, 5000);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            deliveries.log(alertId, limit).forEach(d -> out.add(new JsonObject().put("id", d.attemptId())
                    .put("delivery", d.deliveryId()).put("alert", d.alertId()).put("notice", d.notice())
                    .put("purpose", d.purpose() == null ? null : d.purpose().code())
                    .put("test", d.alertId() == null && d.notice() == null)
                    .put("tier", d.tier())
                    .put("channel", new JsonObject().put("id", d.channelId()).put("name", d.channelName())
                            .put("kind", d.channelKind().code()))
                    .put("attempt", d.attempt()).put("status", d.status()).put("delivery_status", d.deliveryStatus())
                    .put("http_status", d.httpStatus()).put("error", d.error()).put("worker", d.worker())
                    .put("time", ApiJson.text(d.at()))));
            return new JsonObject().put("deliveries", out);
        });
    }

    static JsonObject json(Channel c) {
        return new JsonObject().put("id", c.id()).put("name", c.name()).put("kind", c.kind().code()).put("url", c.url())
                .put("has_secret", c.hasSecret()).put("community", c.community())
                .put("min_severity", c.minSeverity().code()).put("tier", c.tier())
                .put("topics", new JsonArray(c.topics())).put("created_by", c.createdBy())
                .put("created_at", ApiJson.text(c.createdAt()));
    }

    /** Reads and checks the body of {@code POST /api/v1/admin/channels}. */
    static final class ChannelForm {

        private ChannelForm() {
        }

        static org.communityhub.gateway.responders.NewChannel parse(JsonObject b) {
            String kindText = string(b, "kind");
            ChannelKind kind = kindText == null ? null : ChannelKind.fromCode(kindText).orElseThrow(() ->
                    ApiError.badParameter("kind", "must be " + ChannelKind.CODES));
            String severity = string(b, "min_severity");
            Severity min = severity == null ? null : Severity.fromCode(severity).orElseThrow(() ->
                    ApiError.badParameter("min_severity", "must be critical, high, medium or low"));
            Object tier = b.getValue("tier");
            if (tier != null && !(tier instanceof Integer)) {
                throw ApiError.badParameter("tier", "must be 1, 2 or 3");
            }
            Object topics = b.getValue("topics");
            if (topics != null && (!(topics instanceof JsonArray a) || !a.stream().allMatch(t -> t instanceof String))) {
                throw ApiError.badParameter("topics", "must be a non-empty list of \"alerts\" and \"cases\"");
            }
            try {
                return new org.communityhub.gateway.responders.NewChannel(string(b, "name"), kind, string(b, "url"),
                        string(b, "secret"), string(b, "community"), min, tier == null ? 1 : (Integer) tier,
                        topics == null ? null : ((JsonArray) topics).stream().map(String.class::cast).toList());
            } catch (IllegalArgumentException e) {
                throw named(e);
            }
        }

        /** A domain check's "field: why" as a 400 naming the field. */
        static ApiError named(IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = m.indexOf(": ");
            return colon > 0 && m.substring(0, colon).matches("[a-z_]+")
                    ? ApiError.badParameter(m.substring(0, colon), m.substring(colon + 2))
                    : new ApiError(400, "bad_request", m);
        }

        private static String string(JsonObject b, String field) {
            Object v = b.getValue(field);
            if (v != null && !(v instanceof String)) {
                throw ApiError.badParameter(field, "must be a string");
            }
            return (String) v;
        }
    }
}
