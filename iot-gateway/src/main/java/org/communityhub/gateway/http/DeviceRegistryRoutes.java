package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.device.RegisteredDevice;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiJson;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.GeoImportService;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.importer.Rejection;

/**
 * The installer's registry API (installer, admin; scoped to the installer's community):
 * {@code POST /api/v1/devices} registers or updates one device with the same rules as the import
 * (it goes through the importer as a one-feature file), and {@code PATCH /api/v1/devices/{code}}
 * sets its install state and/or its test mode ({@code {"test_mode": true|false}}, issue 18: entering lasts
 * {@code HUB_TEST_MODE_HOURS}; entering and leaving are audited). Both are audited and refresh the gateway's
 * device cache. A refusal by the import's rules is a 400 naming the field ({@link #rejected}). Registering a code
 * that already exists never re-homes another community's device (404) and never changes a type unless the caller
 * is an admin (409); see {@link #guardExisting}.
 */
final class DeviceRegistryRoutes {

    private static final Pattern PROPERTY = Pattern.compile("property '([a-z_]+)'");
    private static final Set<String> STATES = Set.of("registered", "installed", "tested", "retired");

    private final ApiSupport api;
    private final DeviceQueries devices;
    private final GeoImportService importer;
    private final AuditLog audit;
    private final Runnable registryChanged;
    private final Object registrationLock = new Object();
    private final Duration testModeLimit;

    DeviceRegistryRoutes(ApiSupport api, DeviceQueries devices, GeoImportService importer, AuditLog audit,
                         Runnable registryChanged, Duration testModeLimit) {
        this.testModeLimit = testModeLimit;
        this.api = api;
        this.devices = devices;
        this.importer = importer;
        this.audit = audit;
        this.registryChanged = registryChanged;
    }

    void mount(Router router) {
        router.post("/api/v1/devices").handler(api::authenticate).handler(this::register);
        router.patch("/api/v1/devices/:code").handler(api::authenticate).handler(this::setState);
    }

    private void register(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        JsonObject body = ApiSupport.body(ctx);
        String code = text(body, "code", true);
        String name = text(body, "name", true);
        String type = text(body, "type", true);
        String building = text(body, "building", false);
        String compound = text(body, "compound", false);
        if (building == null && compound == null) {
            throw ApiError.badParameter("building", "a device needs a building or a compound");
        }
        Object lon = body.getValue("lon");
        Object lat = body.getValue("lat");
        if (!(lon instanceof Number) || !(lat instanceof Number)) {
            throw ApiError.badParameter("lon", "lon and lat must be numbers");
        }
        Datum datum = body.getString("crs") == null ? null : datum(body.getString("crs"));
        JsonObject properties = new JsonObject().put("layer", "device").put("code", code)
                .put("name", name).put("type", type)
                .put("building", building).put("compound", compound).put("floor", body.getValue("floor"));
        JsonObject file = new JsonObject().put("type", "FeatureCollection").put("features", new JsonArray().add(
                new JsonObject().put("type", "Feature").put("properties", properties).put("geometry",
                        new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(lon).add(lat)))));
        String remote = ApiSupport.remote(ctx);
        api.blocking(() -> {
            String community = devices.communityOf(building, compound)
                    .orElseThrow(() -> ApiError.badParameter(building != null ? "building" : "compound", "unknown"));
            if (!p.sees(community)) {
                throw ApiError.notFound(building != null ? "building '" + building + "'" : "compound '" + compound + "'");
            }
            String change;
            ImportReport report;
            // Check and upsert as one step within this instance: two installers registering the same new
            // code at once cannot both pass the check (registrations are rare; waiting costs nothing).
            synchronized (registrationLock) {
                change = guardExisting(p, code, type, community);
                report = importer.importGeoJson(
                        new ByteArrayInputStream(file.encode().getBytes(StandardCharsets.UTF_8)), datum);
            }
            if (!report.ok()) {
                throw rejected(report.rejections().get(0));
            }
            registryChanged.run();
            audit.append(p.username(), "device.register", "device", code, community, change, remote);
            return ApiJson.device(devices.device(code).orElseThrow());
        }).onSuccess(d -> ApiSupport.json(ctx, 201, d)).onFailure(e -> ApiSupport.fail(ctx, e));
    }

    /**
     * The rules for registering a code that already exists: a device of a community the caller cannot
     * see answers 404 exactly like a missing building (its existence is not revealed) and is left alone;
     * a change of type (the device's topic and its event vocabulary) is refused with 409 unless the caller
     * is an admin. Installers see one community, so only an admin can move a device between communities.
     *
     * @return what an admin changed (type, community) for the audit detail, or null
     */
    private String guardExisting(Principal p, String code, String type, String community) {
        var existing = devices.device(code).map(DeviceView::device);
        if (existing.isEmpty()) {
            return null;
        }
        RegisteredDevice d = existing.get();
        if (!p.sees(d.community())) {
            throw ApiError.notFound("device '" + code + "'");
        }
        boolean typeChange = !d.type().code().equals(type) && DeviceType.fromCode(type).isPresent();
        if (typeChange && p.role() != Role.ADMIN) {
            throw new ApiError(409, "device_type_change", "field 'type': device '" + code + "' is registered as "
                    + d.type().code() + "; only an admin may change a device's type");
        }
        StringBuilder change = new StringBuilder();
        if (typeChange) {
            change.append("type ").append(d.type().code()).append(" → ").append(type);
        }
        if (!d.community().equals(community)) {
            change.append(change.isEmpty() ? "" : ", ").append("community ").append(d.community()).append(" → ")
                    .append(community);
        }
        return change.isEmpty() ? null : change.toString();
    }

    private void setState(RoutingContext ctx) {
        Principal p = ApiSupport.require(ctx, Role.INSTALLER, Role.ADMIN);
        String code = ctx.pathParam("code");
        JsonObject body = ApiSupport.body(ctx);
        Object testMode = body.getValue("test_mode");
        if (testMode != null && !(testMode instanceof Boolean)) {
            throw ApiError.badParameter("test_mode", "must be true or false");
        }
        String state = text(body, "install_state", testMode == null);
        if (state != null && !STATES.contains(state)) {
            throw ApiError.badParameter("install_state", "must be one of " + STATES);
        }
        String remote = ApiSupport.remote(ctx);
        api.respond(ctx, () -> {
            var device = devices.device(code).filter(d -> p.sees(d.device().community()))
                    .orElseThrow(() -> ApiError.notFound("device '" + code + "'"));
            if (state != null) {
                devices.setInstallState(code, state);
                registryChanged.run(); // a retired device's events are rejected from now on
                audit.append(p.username(), "device.install_state", "device", code, device.device().community(),
                        device.installState() + " → " + state, remote);
            }
            if (testMode != null) {
                Instant until = Boolean.TRUE.equals(testMode) ? api.clock().instant().plus(testModeLimit) : null;
                devices.setTestMode(code, until);
                audit.append(p.username(), until != null ? "device.test_mode.enter" : "device.test_mode.leave", "device",
                        code, device.device().community(), until != null ? "until " + until : null, remote);
            }
            return ApiJson.device(devices.device(code).orElseThrow());
        });
    }

    /**
     * The import's refusal of the one-device file as a 400 that names the request field it is about ({@code parameter
     * 'floor': property 'floor' must be an integer}), so that a form can show it next to that field; {@code
     * invalid_device} with the import's reason when no single field is to blame (e.g. the database refused the row).
     */
    static ApiError rejected(Rejection r) {
        String field = fieldOf(r);
        return field == null ? new ApiError(400, "invalid_device", r.reason()) : ApiError.badParameter(field, r.reason());
    }

    /** The request field an import rejection names, or null. */
    static String fieldOf(Rejection r) {
        Matcher property = PROPERTY.matcher(r.reason());
        if (property.find()) {
            return property.group(1);
        }
        return switch (r.kind()) {
            case BAD_CODE -> "code";
            case BAD_COORDINATES, BAD_GEOMETRY_TYPE -> "lon";
            case UNKNOWN_PARENT -> r.reason().startsWith("compound") ? "compound" : "building";
            case BAD_PROPERTY -> r.reason().startsWith("type ") ? "type" : r.reason().startsWith("building ") ? "building" : null;
            default -> null;
        };
    }

    private static Datum datum(String crs) {
        try {
            return Datum.parse(crs);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter("crs", "must be wgs84, gcj02, bd09 or cgcs2000");
        }
    }

    private static String text(JsonObject body, String name, boolean required) {
        Object v = body.getValue(name);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
            throw ApiError.badParameter(name, required ? "is required (a string)" : "must be a string");
        }
        return s;
    }
}
