package org.communityhub.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.UnaryOperator;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.QrCodeImages;
import org.communityhub.gateway.device.DeviceLogins;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * Device logins over the API (CONTRACT §9, installer and admin, scoped): {@code POST /api/v1/devices/{code}/credentials
 * [?rotate=true]} issues (or rotates) the device's broker login, installed on the broker before the answer, and
 * {@code GET /api/v1/devices/{code}/provisioning.png} serves it once as a QR code within
 * {@code HubDeviceLogins#PROVISIONING_SECONDS} of issuing. The QR payload is {@link #payload}: the same JSON object as
 * the POST's answer plus {@code "format": "community-hub-device/1"}. Every issue is audited (never the password).
 * Handlers run their blocking work on the worker pool.
 */
public final class DeviceLoginRoutes {

    /** The QR payload's format name and version. */
    static final String FORMAT = "community-hub-device/1";

    private final ApiSupport api;
    private final DeviceQueries devices;
    private final DeviceLogins logins;
    private final AuditLog audit;
    private final QrCodeImages qr;
    private final UnaryOperator<String> mqttUrl;

    DeviceLoginRoutes(ApiSupport api, DeviceQueries devices, DeviceLogins logins, AuditLog audit, QrCodeImages qr,
                      UnaryOperator<String> mqttUrl) {
        this.api = api;
        this.devices = devices;
        this.logins = logins;
        this.audit = audit;
        this.qr = qr;
        this.mqttUrl = mqttUrl;
    }

    /**
     * The routes as a mounter for the HTTP verticle; {@code mqttUrl} gives the broker URL for the devices of a community
     * (with {@code HUB_MQTT_SHARDS}, its shard's).
     */
    public static java.util.function.Consumer<Router> mounter(ApiSupport api, DeviceQueries devices, DeviceLogins logins,
                                                             AuditLog audit, QrCodeImages qr, UnaryOperator<String> mqttUrl) {
        return new DeviceLoginRoutes(api, devices, logins, audit, qr, mqttUrl)::mount;
    }

    void mount(Router router) {
        router.post("/api/v1/devices/:code/credentials").handler(api::authenticate).handler(this::issue);
        router.get("/api/v1/devices/:code/provisioning.png").handler(api::authenticate).handler(this::provisioning);
    }

    private void issue(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String code = ctx.pathParam("code");
        String rotateParam = ctx.request().getParam("rotate");
        if (rotateParam != null && !rotateParam.equals("true") && !rotateParam.equals("false")) {
            throw ApiError.badParameter("rotate", "must be true or false");
        }
        boolean rotate = "true".equals(rotateParam);
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            DeviceView d = inScope(p, code);
            if ("retired".equals(d.installState())) {
                throw new ApiError(409, "device_retired", "device '" + code + "' is retired: it has no broker login");
            }
            var issued = logins.issue(code, rotate, p.username())
                    .orElseThrow(() -> ApiError.notFound("device '" + code + "'"));
            audit.append(p.username(), rotate ? "device.credentials.rotate" : "device.credentials", "device", code,
                    d.device().community(), null, remote);
            return json(issued);
        });
    }

    private void provisioning(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String code = ctx.pathParam("code");
        api.blocking(() -> {
            inScope(p, code);
            var issued = logins.takeProvisioning(code).orElseThrow(() -> new ApiError(410, "provisioning_gone",
                    "the QR code of device '" + code + "' is shown once, within a few minutes of issuing its credentials;"
                            + " issue them again"));
            return qr.png(payload(issued).encode());
        }).onSuccess(png -> ctx.response().putHeader("content-type", "image/png")
                .putHeader("Cache-Control", "no-store").end(Buffer.buffer(png)))
                .onFailure(e -> ApiSupport.fail(ctx, e));
    }

    private DeviceView inScope(Principal p, String code) {
        return devices.device(code).filter(d -> p.sees(d.device().community()))
                .orElseThrow(() -> ApiError.notFound("device '" + code + "'"));
    }

    private JsonObject json(DeviceLogins.Issued issued) {
        return new JsonObject().put("username", issued.username()).put("password", issued.password())
                .put("mqtt_url", mqttUrl.apply(issued.community())).put("topic_prefix", issued.topicPrefix())
                .put("provisioning", "/api/v1/devices/" + issued.username() + "/provisioning.png");
    }

    /** The QR code's text: {@code {"format","mqtt_url","username","password","topic_prefix"}}. */
    JsonObject payload(DeviceLogins.Issued issued) {
        return new JsonObject().put("format", FORMAT).put("mqtt_url", mqttUrl.apply(issued.community()))
                .put("username", issued.username())
                .put("password", issued.password()).put("topic_prefix", issued.topicPrefix());
    }
}
