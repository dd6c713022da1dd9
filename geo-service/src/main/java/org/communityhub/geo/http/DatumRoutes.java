package org.communityhub.geo.http;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import org.communityhub.contract.ErrorBody;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.crs.MainlandChina;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/datum?lon=&lat=[&crs=]} (public): one position in the three datums the map apps use, from the
 * hub's own converters ({@link DatumConverter}), so the map page never decides by itself where GCJ-02 applies:
 * <pre>{@code {"mainland": true, "wgs84": {"lon", "lat"}, "gcj02": {"lon", "lat"}, "bd09": {"lon", "lat"}}}</pre>
 * {@code mainland} is {@link MainlandChina#contains} of the WGS-84 position (the outline with the Hong Kong and Macau
 * land borders to about 10 m); outside it (Hong Kong, Macau, Taiwan, abroad) GCJ-02 and BD-09 equal WGS-84. The
 * query is read as CONTRACT §5 reads coordinates ({@code crs} {@code wgs84} by default, {@code gcj02}, {@code bd09},
 * {@code cgcs2000}); a bad one is 400 {@code bad_parameter} naming {@code lon}, {@code lat} or {@code crs}.
 * The answer depends on the query only: {@code Cache-Control: public, max-age=86400}.
 *
 * <p>Cost: microseconds (a point-in-polygon test and a few trigonometric functions), answered on the event loop once
 * the outline is loaded; {@link #mount} loads it on the worker executor (under a second, once per JVM), and requests
 * that come before it is in run there, never blocking the event loop. Thread-safe; mount once.
 */
public final class DatumRoutes {

    /** The path of the route. */
    public static final String PATH = "/api/v1/datum";

    private static final Logger LOG = LoggerFactory.getLogger(DatumRoutes.class);
    private static final String CACHE = "public, max-age=86400";

    private final WorkerExecutor workers;
    private volatile boolean outlineLoaded;

    /**
     * @param workers loads the mainland outline, and answers the requests that come before it is loaded
     */
    public DatumRoutes(WorkerExecutor workers) {
        this.workers = workers;
    }

    /** Adds the route to {@code router} and starts loading the mainland outline on the worker executor. */
    public void mount(Router router) {
        router.get(PATH).handler(this::datum);
        workers.executeBlocking(() -> MainlandChina.contains(114.0, 22.5), false).onComplete(loaded -> {
            if (loaded.failed()) {
                LOG.error("cannot load the mainland outline", loaded.cause());
            } else {
                outlineLoaded = true;
            }
        });
    }

    private void datum(RoutingContext ctx) {
        if (outlineLoaded) {
            try {
                send(ctx, answer(new QueryParameters(ctx.queryParams())));
            } catch (HttpProblem p) {
                GeoHttpApi.problem(ctx, p.error());
            }
            return;
        }
        QueryParameters q = new QueryParameters(ctx.queryParams());
        workers.executeBlocking(() -> answer(q), false).onComplete(done -> {
            if (done.succeeded()) {
                send(ctx, done.result());
            } else if (done.cause() instanceof HttpProblem p) {
                GeoHttpApi.problem(ctx, p.error());
            } else {
                LOG.error("datum request failed", done.cause());
                GeoHttpApi.problem(ctx, ErrorBody.unavailable());
            }
        });
    }

    /**
     * The answer for a query: the position in WGS-84, GCJ-02 and BD-09, and whether it is in mainland China.
     *
     * @throws HttpProblem 400 naming {@code lon}, {@code lat} or {@code crs} when one is bad
     */
    static JsonObject answer(QueryParameters q) {
        LonLat wgs84 = q.lonLatWgs84();
        return new JsonObject()
                .put("mainland", MainlandChina.contains(wgs84.lon(), wgs84.lat()))
                .put("wgs84", point(wgs84))
                .put("gcj02", point(DatumConverter.fromWgs84(Datum.GCJ02, wgs84)))
                .put("bd09", point(DatumConverter.fromWgs84(Datum.BD09, wgs84)));
    }

    private static JsonObject point(LonLat p) {
        return new JsonObject().put("lon", p.lon()).put("lat", p.lat());
    }

    private static void send(RoutingContext ctx, JsonObject body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", CACHE).end(Buffer.buffer(body.encode().getBytes(StandardCharsets.UTF_8)));
    }
}
