package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Devices, their events and the reject log. Every logged-in role reads devices and events of its
 * community; the reject log and unregistered senders are for installers and admins.
 */
final class DeviceRoutes {

    private static final String CODE = "[a-z0-9-]{1,64}";

    private final ApiSupport api;
    private final DeviceQueries devices;

    DeviceRoutes(ApiSupport api, DeviceQueries devices) {
        this.api = api;
        this.devices = devices;
    }

    void mount(Router router) {
        router.get("/api/v1/devices").handler(api::authenticate).handler(this::list);
        router.get("/api/v1/devices/unregistered").handler(api::authenticate).handler(this::unregistered);
        router.get("/api/v1/devices/:code").handler(api::authenticate).handler(this::one);
        router.get("/api/v1/devices/:code/events").handler(api::authenticate).handler(this::events);
        router.get("/api/v1/rejects").handler(api::authenticate).handler(this::rejects);
    }

    private void list(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            devices.devices(scope).forEach(d -> out.add(ApiJson.device(d)));
            return new JsonObject().put("devices", out);
        });
    }

    private void one(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String code = ctx.pathParam("code");
        api.respond(ctx, () -> ApiJson.device(visible(p, code)));
    }

    private void events(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String code = ctx.pathParam("code");
        Instant to = ApiSupport.instantParam(ctx, "to", api.clock().instant().plus(Duration.ofMinutes(10)));
        Instant from = ApiSupport.instantParam(ctx, "from", to.minus(Duration.ofDays(7)).minus(Duration.ofMinutes(10)));
        if (!from.isBefore(to)) {
            throw ApiError.badParameter("from", "must be before 'to'");
        }
        int limit = ApiSupport.intParam(ctx, "limit", 100, 1, 1000);
        api.respond(ctx, () -> {
            visible(p, code);
            JsonArray out = new JsonArray();
            devices.events(code, from, to, limit).forEach(e -> out.add(ApiJson.event(e)));
            return new JsonObject().put("device", code).put("events", out);
        });
    }

    private void rejects(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String device = ctx.request().getParam("device");
        if (device != null && !device.matches(CODE)) {
            throw ApiError.badParameter("device", "must be a device code");
        }
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        int limit = ApiSupport.intParam(ctx, "limit", 100, 1, 1000);
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            devices.rejects(device, scope, limit).forEach(r -> out.add(ApiJson.reject(r)));
            return new JsonObject().put("rejects", out);
        });
    }

    private void unregistered(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            devices.unregistered(scope).forEach(u -> out.add(ApiJson.unregistered(u)));
            return new JsonObject().put("devices", out);
        });
    }

    private DeviceView visible(Principal p, String code) {
        if (!code.matches(CODE)) {
            throw ApiError.notFound("device");
        }
        return devices.device(code).filter(d -> p.sees(d.device().community()))
                .orElseThrow(() -> ApiError.notFound("device '" + code + "'"));
    }
}
