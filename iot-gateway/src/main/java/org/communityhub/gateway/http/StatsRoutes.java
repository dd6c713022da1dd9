package org.communityhub.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.stats.StatsQueries;
import org.communityhub.gateway.web.ApiError;
import org.communityhub.gateway.web.ApiSupport;

/**
 * {@code GET /api/v1/overview[?community]}: per community, open alerts by severity, devices online
 * and events per hour for the last 24 h. {@code GET /api/v1/events/counts?from&to&bucket[&community]}:
 * event counts per type per time bucket (seconds, 60 s to 1 day; at most {@value #MAX_BUCKETS} buckets
 * per query, else 400 naming {@code bucket}). Any logged-in role, scoped.
 */
final class StatsRoutes {

    /** Buckets one counts query may span: a week of minutes, or a year of hours. */
    static final int MAX_BUCKETS = 10_080;

    private final ApiSupport api;
    private final StatsQueries stats;

    StatsRoutes(ApiSupport api, StatsQueries stats) {
        this.api = api;
        this.stats = stats;
    }

    void mount(Router router) {
        router.get("/api/v1/overview").handler(api::authenticate).handler(this::overview);
        router.get("/api/v1/events/counts").handler(api::authenticate).handler(this::counts);
    }

    private void overview(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            for (var o : stats.overview(scope, api.clock().instant())) {
                JsonObject open = new JsonObject();
                for (Severity s : Severity.values()) {
                    open.put(s.code(), o.openAlerts().get(s));
                }
                JsonArray hours = new JsonArray();
                o.eventsPerHour().forEach(h -> hours.add(new JsonObject().put("hour", h.start().toString())
                        .put("count", h.count())));
                out.add(new JsonObject().put("code", o.code()).put("name", o.name()).put("open_alerts", open)
                        .put("devices_total", o.devicesTotal()).put("devices_online", o.devicesOnline())
                        .put("events_per_hour", hours));
            }
            return new JsonObject().put("communities", out);
        });
    }

    private void counts(RoutingContext ctx) {
        Principal p = ApiSupport.principal(ctx);
        String scope = ApiSupport.scope(p, ctx.request().getParam("community"));
        Instant to = ApiSupport.instantParam(ctx, "to", api.clock().instant());
        Instant from = ApiSupport.instantParam(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to) || Duration.between(from, to).toDays() > 366) {
            throw ApiError.badParameter("from", "must be before 'to' and at most a year earlier");
        }
        Duration bucket = Duration.ofSeconds(ApiSupport.intParam(ctx, "bucket", 3600, 60, 86_400));
        long span = Duration.between(from, to).toSeconds();
        long buckets = (span + bucket.toSeconds() - 1) / bucket.toSeconds();
        if (buckets > MAX_BUCKETS) {
            throw ApiError.badParameter("bucket", bucket.toSeconds() + " s over " + span + " s makes " + buckets
                    + " buckets; at most " + MAX_BUCKETS + " per query (a larger bucket or a shorter 'from'–'to')");
        }
        api.respond(ctx, () -> {
            JsonArray out = new JsonArray();
            stats.eventCounts(scope, from, to, bucket).forEach(b -> out.add(new JsonObject()
                    .put("bucket", b.start().toString()).put("type", b.type()).put("count", b.count())));
            return new JsonObject().put("bucket_seconds", bucket.toSeconds()).put("counts", out);
        });
    }
}
