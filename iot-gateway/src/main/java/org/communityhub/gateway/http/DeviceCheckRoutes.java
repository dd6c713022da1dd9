package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.device.DeviceChecks;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The installer's acceptance check over the API (CONTRACT §9; installer and admin, scoped):
 * {@code POST /api/v1/devices/{code}/check} starts it (202), {@code GET} answers
 * {@code {"result": "waiting"|"pass"|"fail", "cause", "steps", "tested_by"}}. Starting is audited. Handlers run their
 * blocking work on the worker pool.
 */
public final class DeviceCheckRoutes {

    private final ApiSupport api;
    private final DeviceQueries devices;
    private final DeviceChecks checks;
    private final AuditLog audit;

    private DeviceCheckRoutes(ApiSupport api, DeviceQueries devices, DeviceChecks checks, AuditLog audit) {
        this.api = api;
        this.devices = devices;
        this.checks = checks;
        this.audit = audit;
    }

    /** The routes as a mounter for the HTTP verticle. */
    public static Consumer<Router> mounter(ApiSupport api, DeviceQueries devices, DeviceChecks checks, AuditLog audit) {
        return new DeviceCheckRoutes(api, devices, checks, audit)::mount;
    }

    void mount(Router router) {
        router.post("/api/v1/devices/:code/check").handler(api::authenticate).handler(this::start);
        router.get("/api/v1/devices/:code/check").handler(api::authenticate).handler(this::current);
    }

    private void start(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String code = ctx.pathParam("code");
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> {
            DeviceView d = inScope(p, code);
            if ("retired".equals(d.installState())) {
                throw new ApiError(409, "device_retired", "device '" + code + "' is retired");
            }
            DeviceChecks.Check check = checks.start(code, p.username());
            audit.append(p.username(), "device.check", "device", code, d.device().community(), null, remote);
            return json(check);
        }).onSuccess(body -> ApiSupport.json(ctx, 202, body)).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private void current(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String code = ctx.pathParam("code");
        api.respond(ctx, () -> {
            inScope(p, code);
            return json(checks.current(code).orElseThrow(() -> new ApiError(404, "no_check",
                    "no check of device '" + code + "' was started (POST /api/v1/devices/" + code + "/check)")));
        });
    }

    private DeviceView inScope(Principal p, String code) {
        return devices.device(code).filter(d -> p.sees(d.device().community()))
                .orElseThrow(() -> ApiError.notFound("device '" + code + "'"));
    }

    private static JsonObject json(DeviceChecks.Check check) {
        return new JsonObject().put("result", check.result()).put("cause", check.cause())
                .put("steps", new JsonArray(check.steps())).put("tested_by", "pass".equals(check.result())
                        ? check.testedBy() : null);
    }
}
