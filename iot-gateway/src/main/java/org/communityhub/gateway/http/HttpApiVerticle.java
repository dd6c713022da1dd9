package org.communityhub.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.communityhub.gateway.config.TrustedProxies;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The hub's HTTP and WebSocket server: JSON API, the stream, the map page and the webjars.
 * Route groups are handed in as mounters, so this verticle only owns the server, the body limit
 * (413 past it), security headers, response compression ({@link Compression}) and the error shape of
 * failures. {@code start()} completes when the port is bound.
 */
public final class HttpApiVerticle extends VerticleBase {

    /** One year: what {@code Cache-Control: immutable} answers usually get. */
    private static final long IMMUTABLE_MAX_AGE_SECONDS = 365L * 24 * 3600;
    /** The map page's files on the class path (map-ui). */
    private static final String PAGE_ROOT = "META-INF/resources/hub-ui";

    private final int port;
    private final int maxBodyBytes;
    private final List<Consumer<Router>> mounters;
    private final TrustedProxies proxies;
    private final ContentSecurityPolicy csp;
    private HttpServer server;

    /** @param proxies whose {@code X-Forwarded-For} names the client ({@link ApiSupport#remote}) */
    public HttpApiVerticle(int port, int maxBodyBytes, List<Consumer<Router>> mounters, TrustedProxies proxies,
                           ContentSecurityPolicy csp) {
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
        this.mounters = new ArrayList<>(mounters);
        this.proxies = proxies;
        this.csp = csp;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "same-origin");
            ctx.addHeadersEndHandler(v -> Compression.skipIfCompressed(ctx.response()));
            ApiSupport.resolveClient(ctx, proxies);
            ctx.next();
        });
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        router.route("/api/*").handler(ctx -> {
            HttpMethod method = ctx.request().method();
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                ctx.next(); // no body to read (the stream's WebSocket upgrade is a GET and needs the request unread)
            } else if (CaseForm.readsOwnBody(ctx.request())) {
                ctx.next(); // case photos are read by CaseForm
            } else {
                bodies.handle(ctx);
            }
        });
        mounters.forEach(m -> m.accept(router));
        // webjar paths carry their version (/webjars/leaflet/1.9.4/…): a browser may keep them a year
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true)
                .setMaxAgeSeconds(IMMUTABLE_MAX_AGE_SECONDS));
        router.route("/*").handler(ctx -> {
            HostAndPort authority = ctx.request().authority();
            String name = authority == null ? null
                    : authority.host().contains(":") && !authority.host().startsWith("[") ? "[" + authority.host() + "]"
                    : authority.host();
            String host = name == null || authority.port() < 0 ? name : name + ":" + authority.port();
            ctx.response().putHeader("Content-Security-Policy", csp.header(host));
            ctx.next();
        });
        // the installable app's manifest (issue 17): Vert.x's MIME table has no .webmanifest
        router.get("/manifest.webmanifest").handler(ctx -> {
            ctx.response().putHeader("Content-Type", "application/manifest+json");
            ctx.next();
        });
        // the page's bundle (map-ui/build-ui.mjs): content-hashed names, so a browser keeps them a year unasked;
        // everything else of the page (index.html, sw.js, the manifest, icons) is revalidated on each use
        // (Last-Modified / If-Modified-Since: a 304 when unchanged), so a new build is seen at once
        router.route("/dist/*").handler(StaticHandler.create(PAGE_ROOT + "/dist").setCachingEnabled(true)
                .setMaxAgeSeconds(IMMUTABLE_MAX_AGE_SECONDS));
        router.route("/*").handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-cache"));
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create(PAGE_ROOT).setIndexPage("index.html").setCachingEnabled(true));
        router.route().last().handler(ctx -> ApiSupport.error(ctx, 404, "not_found", "no such resource"));
        router.route().failureHandler(ctx -> {
            if (ctx.failure() != null) {
                ApiSupport.fail(ctx, ctx.failure());
            } else if (ctx.statusCode() == 413) {
                ApiSupport.error(ctx, 413, "payload_too_large", "the request body is larger than " + maxBodyBytes
                        + " bytes");
            } else {
                int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
                ApiSupport.error(ctx, status, status == 404 ? "not_found" : "error", "request failed");
            }
        });
        HttpServerOptions options = Compression.configure(new HttpServerOptions().setPort(port).setHost("0.0.0.0")
                .setMaxWebSocketFrameSize(64 * 1024).setMaxWebSocketMessageSize(64 * 1024));
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
