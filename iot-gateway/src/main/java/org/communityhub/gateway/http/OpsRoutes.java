package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;
import org.communityhub.geo.http.BasemapRoutes;
import org.communityhub.geo.port.BasemapInfo;
import org.communityhub.geo.port.BoundingBox;

/**
 * {@code /health}, {@code /metrics} (Prometheus text from the hub's Micrometer registry: the intake's
 * meters, the {@link ServerGauges} and Vert.x's HTTP server and pool meters; only for the callers
 * {@link MetricsAccess} allows, else 403) and the page's
 * {@code /api/v1/ui-config}: basemaps (the hub's own MBTiles first when there is one), and where the map
 * opens (the extent of the imported communities, or of {@code ?community=CODE}; the whole country before
 * the first import).
 */
final class OpsRoutes {

    private final ApiSupport api;
    private final BooleanSupplier databaseUp;
    private final BooleanSupplier brokerUp;
    private final ServerGauges gauges;
    /** The basemaps the page offers, in order (immutable: copied into each answer). */
    private final JsonArray basemaps;
    private final Function<String, Optional<BoundingBox>> extent;
    private final MetricsAccess metricsAccess;

    /** Where an empty hub (nothing imported yet) opens: all of China. */
    private static final double[] COUNTRY_CENTRE = {104.2, 35.9};
    private static final int COUNTRY_ZOOM = 4;
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");

    OpsRoutes(ApiSupport api, BooleanSupplier databaseUp, BooleanSupplier brokerUp, IngestMetrics metrics,
              IntSupplier backlog, IntSupplier streamConnections, HubConfig.Tiles tiles,
              HubConfig.Secret metricsToken, Function<String, Optional<BoundingBox>> extent,
              Optional<BasemapInfo> basemap) {
        this.api = api;
        this.databaseUp = databaseUp;
        this.brokerUp = brokerUp;
        this.gauges = new ServerGauges(metrics.registry(), backlog, streamConnections);
        this.basemaps = basemaps(tiles, basemap);
        this.extent = extent;
        this.metricsAccess = new MetricsAccess(metricsToken);
    }

    void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        router.get("/api/v1/ui-config").handler(this::uiConfig);
    }

    private void health(RoutingContext ctx) {
        api.blocking(databaseUp::getAsBoolean).onComplete(r -> {
            boolean db = r.succeeded() && r.result();
            boolean broker = brokerUp.getAsBoolean();
            boolean up = db && broker;
            ApiSupport.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "up" : "down")
                    .put("database", db ? "up" : "down").put("broker", broker ? "up" : "down"));
        });
    }

    private void metrics(RoutingContext ctx) {
        if (!metricsAccess.allows(ctx.request())) {
            ApiSupport.error(ctx, 403, "forbidden", metricsAccess.refusal());
            return;
        }
        // A scrape renders a few hundred lines (about 0.1-1 ms): off the event loop.
        // ?name[]=jvm_heap_used_bytes&name[]=...: only those families (as Prometheus' own exporters filter).
        Set<String> names = Set.copyOf(ctx.queryParam("name[]"));
        api.blocking(() -> gauges.scrape(names)).onFailure(e -> ApiSupport.fail(ctx, e)).onSuccess(text -> ctx.response()
                .putHeader("content-type", ServerGauges.CONTENT_TYPE).end(text));
    }

    /**
     * The hub's own basemap ({@code HUB_BASEMAP_MBTILES}) first, with its file's zooms, bounds ([w, s, e, n]) and
     * attribution (plain text: the page escapes it), then the tile server of {@code HUB_TILE_*}.
     */
    private static JsonArray basemaps(HubConfig.Tiles tiles, Optional<BasemapInfo> basemap) {
        JsonArray list = new JsonArray();
        basemap.ifPresent(b -> {
            JsonObject own = new JsonObject().put("name", b.name()).put("url", BasemapRoutes.urlTemplate(b.format()))
                    .put("attribution", b.attribution()).put("datum", tiles.mbtilesDatum())
                    .put("minZoom", b.minZoom()).put("maxZoom", b.maxZoom()).put("offline", true);
            if (b.bounds() != null) {
                own.put("bounds", new JsonArray().add(b.bounds().minLon()).add(b.bounds().minLat())
                        .add(b.bounds().maxLon()).add(b.bounds().maxLat()));
            }
            list.add(own);
        });
        return list.add(new JsonObject().put("name", tiles.name()).put("url", tiles.url())
                .put("attribution", tiles.attribution()).put("datum", tiles.datum()).put("maxZoom", tiles.maxZoom()));
    }

    private void uiConfig(RoutingContext ctx) {
        String community = ctx.request().getParam("community");
        if (community != null && !CODE.matcher(community).matches()) {
            ApiSupport.fail(ctx, ApiError.badParameter("community", "a community code ([a-z0-9-]{1,64})"));
            return;
        }
        api.blocking(() -> extent.apply(community)).onFailure(e -> ApiSupport.fail(ctx, e)).onSuccess(box -> {
            JsonObject body = new JsonObject().put("tiles", basemaps.copy());
            if (box.isPresent()) {
                BoundingBox b = box.get();
                body.put("extent", new JsonArray().add(b.minLon()).add(b.minLat()).add(b.maxLon()).add(b.maxLat()))
                        .put("center", new JsonArray().add((b.minLon() + b.maxLon()) / 2).add((b.minLat() + b.maxLat()) / 2))
                        .put("zoom", 15);
            } else {
                body.putNull("extent").put("center", new JsonArray().add(COUNTRY_CENTRE[0]).add(COUNTRY_CENTRE[1]))
                        .put("zoom", COUNTRY_ZOOM);
            }
            ApiSupport.json(ctx, 200, body);
        });
    }
}
