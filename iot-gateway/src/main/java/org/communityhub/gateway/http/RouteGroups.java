package org.communityhub.gateway.http;

import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.communityhub.gateway.alert.AlertStore;
import org.communityhub.gateway.alert.IncidentContextSource;
import org.communityhub.gateway.audit.AuditLog;
import org.communityhub.gateway.auth.LoginService;
import org.communityhub.gateway.auth.UserAdmin;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.privacy.PersonData;
import org.communityhub.gateway.stats.StatsQueries;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.importer.GeoImportService;
import org.communityhub.geo.port.BasemapInfo;
import org.communityhub.geo.port.BoundingBox;

/**
 * Builds every route group of the hub's REST API from its ports; the verticle mounts them in order.
 * The alert stream ({@code ws}) is built and mounted by the wiring class: this package knows only its
 * connection count.
 */
public final class RouteGroups {

    private final List<Consumer<Router>> mounters;

    public RouteGroups(ApiSupport api, AlertStore alerts, DeviceQueries devices,
                       IncidentContextSource incidents, LoginService logins, UserAdmin users, IngestMetrics metrics,
                       IntSupplier backlog, BooleanSupplier databaseUp, BooleanSupplier brokerUp, HubConfig config,
                       StatsQueries stats, PersonData persons, AuditLog audit, GeoImportService importer,
                       Runnable registryChanged, Function<String, Optional<BoundingBox>> mapExtent,
                       IntSupplier streamConnections, Optional<BasemapInfo> basemap) {
        OpsRoutes ops = new OpsRoutes(api, databaseUp, brokerUp, metrics, backlog, streamConnections, config.tiles(),
                config.metricsToken(), mapExtent, basemap);
        AuthRoutes auth = new AuthRoutes(api, logins, users);
        AlertRoutes alertRoutes = new AlertRoutes(api, alerts, incidents);
        DeviceRoutes deviceRoutes = new DeviceRoutes(api, devices);
        StatsRoutes statsRoutes = new StatsRoutes(api, stats);
        AdminRoutes admin = new AdminRoutes(api, audit, persons);
        DeviceRegistryRoutes registry = new DeviceRegistryRoutes(api, devices, importer, audit, registryChanged,
                config.devices().testModeLimit());
        AdminImportRoutes imports = new AdminImportRoutes(api, importer, registryChanged);
        this.mounters = List.of(ops::mount, auth::mount, alertRoutes::mount, deviceRoutes::mount, registry::mount,
                statsRoutes::mount, admin::mount, imports::mount);
    }

    public List<Consumer<Router>> mounters() {
        return mounters;
    }
}
