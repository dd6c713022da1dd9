package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.ingest.IngestMetrics;

/**
 * {@code /health}, {@code /metrics} (Prometheus text: the intake's counters, then the stream and heap
 * gauges; only for the callers {@link MetricsAccess} allows, else 403) and the page's
 * {@code /api/v1/ui-config}.
 */
final class OpsRoutes {

    private final ApiSupport api;
    private final BooleanSupplier databaseUp;
    private final BooleanSupplier brokerUp;
    private final IngestMetrics metrics;
    private final IntSupplier backlog;
    private final ServerGauges gauges;
    private final HubConfig.Tiles tiles;
    private final MetricsAccess metricsAccess;

    OpsRoutes(ApiSupport api, BooleanSupplier databaseUp, BooleanSupplier brokerUp, IngestMetrics metrics,
              IntSupplier backlog, IntSupplier streamConnections, HubConfig.Tiles tiles, HubConfig.Secret metricsToken) {
        this.api = api;
        this.databaseUp = databaseUp;
        this.brokerUp = brokerUp;
        this.metrics = metrics;
        this.backlog = backlog;
        this.gauges = new ServerGauges(streamConnections);
        this.tiles = tiles;
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
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(gauges.render(new StringBuilder(metrics.renderPrometheus(backlog.getAsInt()))).toString());
    }

    private void uiConfig(RoutingContext ctx) {
        JsonObject tile = new JsonObject().put("name", tiles.name()).put("url", tiles.url())
                .put("attribution", tiles.attribution()).put("datum", tiles.datum()).put("maxZoom", tiles.maxZoom());
        ApiSupport.json(ctx, 200, new JsonObject().put("tiles", new JsonArray().add(tile))
                .put("center", new JsonArray().add(114.06).add(22.54)).put("zoom", 15));
    }
}
