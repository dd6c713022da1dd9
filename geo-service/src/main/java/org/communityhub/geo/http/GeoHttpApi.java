package org.communityhub.geo.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.contract.ErrorBody;
import org.communityhub.contract.ErrorCode;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.port.BoundingBox;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.port.TileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public spatial HTTP routes of CONTRACT §5: hierarchy, locate, nearest facilities, OGC API
 * Features Part 1 Core (collections, items, item, conformance) and vector tiles, and the hub's own
 * {@code /api/v1/datum} ({@link DatumRoutes}). Parameters are
 * checked on the event loop; every query runs on the given worker executor (unordered, so requests
 * run in parallel up to its size): the hub gives these anonymous routes an executor and a database
 * pool of their own, so they can never hold up ingestion or alerts. Costs are bounded: OGC offsets
 * stop at {@link GeoQueries#MAX_OFFSET}, tiles below a layer's minimum zoom are empty without a
 * query, and the hierarchy is answered from memory until {@link #hierarchyChanged()}.
 * Thread-safe; mount once.
 */
public final class GeoHttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(GeoHttpApi.class);
    private static final Pattern TILE_FILE = Pattern.compile("([0-9]{1,8})\\.mvt");
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_ZOOM = 24;

    private static final byte[] EMPTY_TILE = new byte[0];

    private final WorkerExecutor workers;
    private final GeoQueries queries;
    private final CachedBody hierarchy = new CachedBody();

    /**
     * @param workers runs every query; size it like the database pool behind {@code queries}
     */
    public GeoHttpApi(WorkerExecutor workers, GeoQueries queries) {
        this.workers = workers;
        this.queries = queries;
    }

    /** Adds the GET routes to {@code router}. */
    public void mount(Router router) {
        router.get("/api/v1/hierarchy").handler(this::hierarchy);
        router.get("/api/v1/locate").handler(this::locate);
        router.get("/api/v1/facilities/nearest").handler(this::nearest);
        new DatumRoutes(workers).mount(router);
        router.get("/conformance").handler(ctx -> send(ctx, 200, "application/json", GeoJsonViews.conformance()));
        router.get("/collections").handler(ctx -> send(ctx, 200, "application/json", GeoJsonViews.collections()));
        router.get("/collections/:id").handler(ctx -> guarded(ctx, () ->
                send(ctx, 200, "application/json", GeoJsonViews.collection(collection(ctx)))));
        router.get("/collections/:id/items").handler(this::items);
        router.get("/collections/:id/items/:code").handler(this::item);
        router.get("/tiles/:layer/:z/:x/:file").handler(this::tile);
    }

    /**
     * Communities, compounds and buildings changed (any writer, any instance): the next hierarchy
     * request reads them again. Cheap; any thread.
     */
    public void hierarchyChanged() {
        hierarchy.invalidate();
    }

    private void hierarchy(RoutingContext ctx) {
        Buffer cached = hierarchy.current();
        if (cached != null) {
            sendJson(ctx, cached);
            return;
        }
        long generation = hierarchy.generation();
        blocking(ctx, () -> Buffer.buffer(GeoJsonViews.hierarchy(queries.hierarchy()).encode()
                .getBytes(StandardCharsets.UTF_8))).onSuccess(body -> {
                    hierarchy.offer(generation, body);
                    sendJson(ctx, body);
                });
    }

    private void locate(RoutingContext ctx) {
        guarded(ctx, () -> {
            LonLat p = new QueryParameters(ctx.queryParams()).lonLatWgs84();
            var inMemory = queries.locateInMemory(p.lon(), p.lat());
            if (inMemory.isPresent()) {
                send(ctx, 200, "application/json", GeoJsonViews.location(inMemory.get(), p.lon(), p.lat()));
                return;
            }
            json(ctx, () -> GeoJsonViews.location(queries.locate(p.lon(), p.lat()), p.lon(), p.lat()));
        });
    }

    private void nearest(RoutingContext ctx) {
        guarded(ctx, () -> {
            QueryParameters q = new QueryParameters(ctx.queryParams());
            LonLat p = q.lonLatWgs84();
            String category = q.category();
            int limit = (int) q.integer("limit", 1, GeoQueries.MAX_NEAREST, 10);
            Double radius = q.radius();
            var inMemory = queries.nearestInMemory(p.lon(), p.lat(), category, limit, radius);
            if (inMemory.isPresent()) {
                send(ctx, 200, GeoJsonViews.GEOJSON, GeoJsonViews.nearest(inMemory.get()));
                return;
            }
            blocking(ctx, () -> GeoJsonViews.nearest(queries.nearest(p.lon(), p.lat(), category, limit, radius)))
                    .onSuccess(body -> send(ctx, 200, GeoJsonViews.GEOJSON, body));
        });
    }

    private void items(RoutingContext ctx) {
        guarded(ctx, () -> {
            GeoCollection collection = collection(ctx);
            QueryParameters q = new QueryParameters(ctx.queryParams());
            BoundingBox bbox = q.bbox();
            int limit = (int) q.integer("limit", 1, GeoQueries.MAX_PAGE, DEFAULT_PAGE);
            long offset = q.integer("offset", 0, GeoQueries.MAX_OFFSET, 0);
            String bboxText = bbox == null ? "" : "&bbox=" + ctx.queryParams().get("bbox").replace(" ", "");
            Set<String> categories = q.categories();
            if (!categories.isEmpty() && collection != GeoCollection.FACILITIES) {
                throw HttpProblem.badParameter("category", "is a property of facilities only");
            }
            String categoryText = categories.isEmpty() ? "" : "&category=" + String.join(",", categories);
            blocking(ctx, () -> queries.items(collection, bbox, categories, limit, offset)).onSuccess(page -> {
                String base = "/collections/" + collection.id() + "/items?limit=" + limit + bboxText + categoryText
                        + "&offset=";
                JsonArray features = new JsonArray();
                page.features().forEach(f -> features.add(GeoJsonViews.feature(f)));
                JsonArray links = new JsonArray()
                        .add(GeoJsonViews.link(base + offset, "self", GeoJsonViews.GEOJSON, "this page"))
                        .add(GeoJsonViews.link("/collections/" + collection.id(), "collection", "application/json",
                                collection.title()));
                boolean more = page.numberMatched() == FeaturePage.UNCOUNTED ? page.features().size() == limit
                        : offset + page.features().size() < page.numberMatched();
                if (more && offset + limit <= GeoQueries.MAX_OFFSET) {
                    links.add(GeoJsonViews.link(base + (offset + limit), "next", GeoJsonViews.GEOJSON, "next page"));
                }
                if (offset > 0) {
                    links.add(GeoJsonViews.link(base + Math.max(0, offset - limit), "prev", GeoJsonViews.GEOJSON,
                            "previous page"));
                }
                JsonObject body = new JsonObject().put("type", "FeatureCollection").put("features", features);
                if (page.numberMatched() != FeaturePage.UNCOUNTED) {
                    body.put("numberMatched", page.numberMatched());
                }
                send(ctx, 200, GeoJsonViews.GEOJSON, body.put("numberReturned", page.features().size())
                        .put("links", links));
            });
        });
    }

    private void item(RoutingContext ctx) {
        guarded(ctx, () -> {
            GeoCollection collection = collection(ctx);
            String code = ctx.pathParam("code");
            if (!CODE.matcher(code).matches()) {
                throw HttpProblem.notFound(collection.id() + " item with that code");
            }
            blocking(ctx, () -> queries.item(collection, code)).onSuccess(found -> {
                if (found.isEmpty()) {
                    problem(ctx, HttpProblem.notFound(collection.id() + " item '" + code + "'"));
                    return;
                }
                FeaturePage.Feature f = found.get();
                JsonObject body = GeoJsonViews.feature(f).put("links", new JsonArray()
                        .add(GeoJsonViews.link("/collections/" + collection.id() + "/items/" + code, "self",
                                GeoJsonViews.GEOJSON, f.code()))
                        .add(GeoJsonViews.link("/collections/" + collection.id(), "collection", "application/json",
                                collection.title())));
                send(ctx, 200, GeoJsonViews.GEOJSON, body);
            });
        });
    }

    private void tile(RoutingContext ctx) {
        guarded(ctx, () -> {
            TileLayer layer = TileLayer.parse(ctx.pathParam("layer"))
                    .orElseThrow(() -> HttpProblem.notFound("tile layer '" + ctx.pathParam("layer") + "'"));
            Matcher file = TILE_FILE.matcher(ctx.pathParam("file"));
            if (!file.matches()) {
                throw HttpProblem.badParameter("y", "must be a tile row followed by .mvt");
            }
            int z = tileNumber("z", ctx.pathParam("z"), MAX_ZOOM);
            int max = (1 << z) - 1;
            int x = tileNumber("x", ctx.pathParam("x"), max);
            int y = tileNumber("y", file.group(1), max);
            if (z < layer.minZoom()) {
                sendTile(ctx, EMPTY_TILE, "public, max-age=86400");
                return;
            }
            blocking(ctx, () -> queries.tile(layer, z, x, y)).onSuccess(bytes ->
                    sendTile(ctx, bytes, "public, max-age=300"));
        });
    }

    private static void sendTile(RoutingContext ctx, byte[] bytes, String cacheControl) {
        String etag = etag(bytes);
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", cacheControl);
        if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
            ctx.response().setStatusCode(304).end();
        } else {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/vnd.mapbox-vector-tile")
                    .end(Buffer.buffer(bytes));
        }
    }

    private static int tileNumber(String name, String text, int max) {
        if (text == null || !text.matches("[0-9]{1,8}") || Integer.parseInt(text) > max) {
            throw HttpProblem.badParameter(name, "must be an integer from 0 to " + max);
        }
        return Integer.parseInt(text);
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (or {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip().replaceFirst("^W/", "");
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static GeoCollection collection(RoutingContext ctx) {
        return GeoCollection.parse(ctx.pathParam("id"))
                .orElseThrow(() -> HttpProblem.notFound("collection '" + ctx.pathParam("id") + "'"));
    }

    private void json(RoutingContext ctx, Callable<JsonObject> work) {
        blocking(ctx, work).onSuccess(body -> send(ctx, 200, "application/json", body));
    }

    /**
     * Runs {@code work} on the worker executor; a failure is answered here as the gateway's
     * {@code ApiSupport.fail} does: 503 {@code busy} when shed, else 503 {@code unavailable}
     * (hub-contract's {@link ErrorBody}); success by the caller.
     */
    private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return workers.executeBlocking(work, false).onFailure(e -> {
            if (e instanceof HttpProblem p) {
                problem(ctx, p);
            } else if (overloaded(e)) {
                LOG.debug("geo request {} shed: {}", ctx.request().path(), e.getMessage());
                ctx.response().putHeader("Retry-After", "5");
                problem(ctx, ErrorBody.of(ErrorCode.BUSY,
                        "the public query took too long or the public pool is busy; try again or ask for less"));
            } else {
                LOG.error("geo request {} failed", ctx.request().path(), e);
                problem(ctx, ErrorBody.unavailable());
            }
        });
    }

    /** A statement cancelled by the pool's statement_timeout (57014) or no free connection in time. */
    private static boolean overloaded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void guarded(RoutingContext ctx, Runnable handler) {
        try {
            handler.run();
        } catch (HttpProblem p) {
            problem(ctx, p);
        }
    }

    private static void problem(RoutingContext ctx, HttpProblem p) {
        problem(ctx, p.error());
    }

    static void problem(RoutingContext ctx, ErrorBody error) {
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(error.json());
    }

    private static void sendJson(RoutingContext ctx, Buffer body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private static void send(RoutingContext ctx, int status, String type, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", type + "; charset=utf-8")
                .end(Buffer.buffer(body.encode().getBytes(StandardCharsets.UTF_8)));
    }
}
