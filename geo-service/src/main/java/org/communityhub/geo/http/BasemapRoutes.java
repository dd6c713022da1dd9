package org.communityhub.geo.http;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.communityhub.contract.ErrorBody;
import org.communityhub.geo.port.BasemapTiles;
import org.communityhub.geo.port.TileFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /basemap/{z}/{x}/{y}.{ext}}: the hub's own basemap tiles (CONTRACT §2, {@code HUB_BASEMAP_MBTILES}) in
 * the XYZ scheme. A bad z, x or y is 400 {@code bad_parameter}; a tile the basemap does not have, or an extension
 * other than its format's ({@code jpeg} for {@code jpg}, {@code mvt} for {@code pbf} too), 404. A tile is sent with
 * its format's Content-Type, a strong ETag (SHA-256 of the bytes; {@code If-None-Match} gives 304) and
 * {@code Cache-Control: public, max-age=3600}; a gzipped vector tile with {@code Content-Encoding: gzip}, or unzipped
 * for a client that does not accept gzip. Parameters are checked on the event loop, tiles read on the given worker
 * executor. Thread-safe; mount once.
 */
public final class BasemapRoutes {

    /** The path of the tiles, as a Leaflet URL template without the extension. */
    public static final String PATH = "/basemap/{z}/{x}/{y}";

    private static final Logger LOG = LoggerFactory.getLogger(BasemapRoutes.class);
    private static final Pattern FILE = Pattern.compile("([0-9]{1,8})\\.([A-Za-z]{1,8})");
    private static final String CACHE = "public, max-age=3600";

    private final WorkerExecutor workers;
    private final BasemapTiles tiles;

    public BasemapRoutes(WorkerExecutor workers, BasemapTiles tiles) {
        this.workers = workers;
        this.tiles = tiles;
    }

    /** The URL template the page loads the tiles from, e.g. {@code /basemap/{z}/{x}/{y}.png}. */
    public static String urlTemplate(TileFormat format) {
        return PATH + "." + format.extension();
    }

    public void mount(Router router) {
        router.get("/basemap/:z/:x/:file").handler(this::tile);
    }

    private void tile(RoutingContext ctx) {
        Matcher file = FILE.matcher(ctx.pathParam("file"));
        if (!file.matches()) {
            GeoHttpApi.problem(ctx, ErrorBody.badParameter("y", "must be a tile row followed by ." + tiles.info()
                    .format().extension()));
            return;
        }
        int z = number(ctx.pathParam("z"), BasemapTiles.MAX_ZOOM);
        int max = z < 0 ? -1 : (1 << z) - 1;
        int x = number(ctx.pathParam("x"), max);
        int y = number(file.group(1), max);
        String bad = z < 0 ? "z" : x < 0 ? "x" : y < 0 ? "y" : null;
        if (bad != null) {
            GeoHttpApi.problem(ctx, ErrorBody.badParameter(bad, "must be an integer from 0 to "
                    + (bad.equals("z") ? BasemapTiles.MAX_ZOOM : max)));
            return;
        }
        TileFormat format = tiles.info().format();
        if (!format.accepts(file.group(2))) {
            GeoHttpApi.problem(ctx, ErrorBody.notFound("basemap tile ." + file.group(2) + " (this basemap has ."
                    + format.extension() + " tiles)"));
            return;
        }
        boolean clientGzip = acceptsGzip(ctx.request().getHeader("Accept-Encoding"));
        workers.executeBlocking(() -> tiles.tile(z, x, y).map(stored -> Reply.of(format, stored, clientGzip)), false)
                .onComplete(read -> {
                    if (read.failed()) {
                        LOG.error("basemap tile {}/{}/{} failed", z, x, y, read.cause());
                        GeoHttpApi.problem(ctx, ErrorBody.unavailable());
                    } else if (read.result().isEmpty()) {
                        GeoHttpApi.problem(ctx, ErrorBody.notFound("basemap tile " + z + "/" + x + "/" + y));
                    } else {
                        read.result().get().send(ctx, format);
                    }
                });
    }

    /** A tile as it is sent: its body, whether that is gzipped, whether it depends on Accept-Encoding, its ETag. */
    private record Reply(byte[] body, boolean gzip, boolean varies, String etag) {

        /** Built on a worker thread: unzipping and hashing cost up to a millisecond for a large tile. */
        static Reply of(TileFormat format, byte[] stored, boolean clientGzip) {
            boolean gzipped = format == TileFormat.PBF && TileFormat.isGzip(stored);
            byte[] body = gzipped && !clientGzip ? gunzip(stored) : stored;
            return new Reply(body, gzipped && clientGzip, gzipped, GeoHttpApi.etag(body));
        }

        void send(RoutingContext ctx, TileFormat format) {
            if (varies) {
                ctx.response().putHeader("Vary", "Accept-Encoding");
            }
            ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", CACHE);
            if (GeoHttpApi.matches(ctx.request().getHeader("If-None-Match"), etag)) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            if (gzip) {
                ctx.response().putHeader("Content-Encoding", "gzip");
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", format.contentType()).end(Buffer.buffer(body));
        }
    }

    /** Whether an {@code Accept-Encoding} header allows gzip (not with {@code q=0}). */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] fields = part.strip().split(";");
            String coding = fields[0].strip();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                return fields.length < 2 || !fields[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a basemap tile is not valid gzip", e);
        }
    }

    /** The integer in {@code text} when it is 0..max, else -1. */
    private static int number(String text, int max) {
        if (max < 0 || text == null || !text.matches("[0-9]{1,8}")) {
            return -1;
        }
        int n = Integer.parseInt(text);
        return n <= max ? n : -1;
    }
}
