package org.communityhub.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;

/**
 * Response compression of the hub's HTTP server (issue 20: the map page on a phone). Vert.x's encoder
 * (Netty's {@code HttpContentCompressor}) gzips or deflates an answer when the client's
 * {@code Accept-Encoding} allows it: the page, its scripts and styles, JSON, GeoJSON, SVG and the
 * buildings/facilities vector tiles (uncompressed protobuf from PostGIS). Answers that are compressed
 * already are sent as they are: images (PNG, JPEG, WebP: case photos, QR codes, basemap tiles, icons),
 * fonts, archives, and anything that already has a {@code Content-Encoding} (the gzipped vector tiles of
 * an MBTiles basemap). The encoder skips those because {@link #skipIfCompressed} marks them
 * {@code Content-Encoding: identity} (Vert.x removes that header again before sending).
 *
 * <p>Cost: level 6 deflate, about 10–20 ms of CPU per MB on the event loop that writes the answer; the
 * map page's first load is ~1 MB before compression. Bodies whose {@code Content-Length} is under
 * {@link #MIN_BYTES} are not compressed. (Not with Vert.x's own size threshold: it looks at the first
 * chunk written with the headers, which is empty for {@code sendFile}, so no static file would be
 * compressed.) Stateless and thread-safe.
 */
final class Compression {

    /** zlib's default level: within a few per cent of level 9's size at a fraction of its CPU. */
    static final int LEVEL = 6;
    /** Below this a compressed body saves less than its own framing and the CPU is wasted. */
    static final int MIN_BYTES = 1024;

    private Compression() {
    }

    /**
     * Turns compression on in {@code options} (gzip and deflate, {@link #LEVEL}) and cleartext HTTP/2 (h2c)
     * off: on an h2c connection Vert.x 5.0.8 sends {@code Content-Encoding: gzip} with an uncompressed
     * body once a request on that connection came without {@code Accept-Encoding} (found by
     * {@code HttpCompressionIT} with the JDK's client, which upgrades to h2c by itself). Browsers never
     * use h2c and nginx talks HTTP/1.1 to the hub, so h2c clients simply stay on HTTP/1.1.
     */
    static HttpServerOptions configure(HttpServerOptions options) {
        return options.setCompressionSupported(true).setCompressionLevel(LEVEL).setCompressionContentSizeThreshold(0)
                .setHttp2ClearTextEnabled(false);
    }

    /**
     * Called as the answer's headers are written: leaves an already compressed body uncompressed, and
     * otherwise says that the body depends on {@code Accept-Encoding} (for caches in between).
     */
    static void skipIfCompressed(HttpServerResponse response) {
        MultiMap headers = response.headers();
        if (headers.contains(HttpHeaders.CONTENT_ENCODING)) {
            return; // gzipped already, or marked identity by a route
        }
        if (alreadyCompressed(headers.get(HttpHeaders.CONTENT_TYPE)) || small(headers.get(HttpHeaders.CONTENT_LENGTH))) {
            headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
            return;
        }
        String vary = headers.get(HttpHeaders.VARY);
        if (vary == null) {
            headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        } else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
            headers.set(HttpHeaders.VARY, vary + ", Accept-Encoding");
        }
    }

    private static boolean small(String contentLength) {
        try {
            return contentLength != null && Long.parseLong(contentLength.trim()) < MIN_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a body of this media type is compressed in itself (compressing it again gains nothing). */
    static boolean alreadyCompressed(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        if (type.startsWith("image/")) {
            return !type.equals("image/svg+xml") && !type.equals("image/x-icon") && !type.equals("image/bmp");
        }
        return type.startsWith("video/") || type.startsWith("audio/") || type.equals("font/woff")
                || type.equals("font/woff2") || type.equals("application/zip") || type.equals("application/gzip")
                || type.equals("application/x-gzip") || type.equals("application/pdf");
    }
}
