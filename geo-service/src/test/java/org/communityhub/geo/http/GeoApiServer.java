package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.communityhub.geo.testing.TestDatabase;

/**
 * The geo routes ({@link GeoHttpApi} over {@link PostgisGeoQueries}) on a Vert.x HTTP server of their own on a free
 * loopback port, backed by a test database whose data the test has loaded. Owns the database: {@link #close} stops
 * Vert.x and drops it. Starting costs a Vert.x instance (well under a second); thread-safe for requests.
 */
final class GeoApiServer implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final TestDatabase db;
    private final Vertx vertx;
    private final HttpServer server;

    private GeoApiServer(TestDatabase db, Vertx vertx, HttpServer server) {
        this.db = db;
        this.vertx = vertx;
        this.server = server;
    }

    /** Serves the geo routes from {@code db} (four worker threads, like the hub's default public pool). */
    static GeoApiServer start(TestDatabase db) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new GeoHttpApi(vertx.createSharedWorkerExecutor("geo-public", 4),
                new PostgisGeoQueries(db.database().dataSource())).mount(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new GeoApiServer(db, vertx, server);
    }


    /** GET {@code pathAndQuery} (e.g. {@code /api/v1/locate?lon=1&lat=2}) with optional header name/value pairs. */
    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code pathAndQuery}, asserting a 200, as JSON. */
    JsonObject json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery + " → " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** The href of the OGC link with relation {@code rel} in {@code body}'s links, or null. */
    static String link(JsonObject body, String rel) {
        for (Object o : body.getJsonArray("links")) {
            JsonObject link = (JsonObject) o;
            if (rel.equals(link.getString("rel"))) {
                return link.getString("href");
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            db.close();
        }
    }
}
