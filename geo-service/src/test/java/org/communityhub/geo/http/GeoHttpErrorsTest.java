package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The geo routes' errors are hub-contract's {@code ErrorBody}, as the gateway's: a database that cannot be
 * reached (a real JDBC connection to a port where nothing listens) is 503 {@code unavailable}, not 500; a bad
 * parameter reads {@code parameter 'NAME': RULE}; a missing object {@code WHAT not found}.
 */
class GeoHttpErrorsTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/hub");
        nowhere.setConnectTimeout(5);
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new GeoHttpApi(vertx.createSharedWorkerExecutor("geo-errors", 2), new PostgisGeoQueries(nowhere)).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return new JsonObject(response.body()).getJsonObject("error");
    }

    @Test
    void anUnreachableDatabaseIs503Unavailable() throws Exception {
        HttpResponse<String> r = get("/api/v1/locate?lon=121.0&lat=31.0");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(error(r).getString("code")).isEqualTo("unavailable");
        assertThat(error(r).getString("message")).isEqualTo("the service is temporarily unavailable");
    }

    @Test
    void aBadParameterAndAMissingObjectUseTheSharedMessageFormat() throws Exception {
        HttpResponse<String> bad = get("/api/v1/locate?lon=200&lat=31.0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad).getString("code")).isEqualTo("bad_parameter");
        assertThat(error(bad).getString("message")).isEqualTo("parameter 'lon': must be a longitude in [-180, 180]");
        HttpResponse<String> missing = get("/collections/roads");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing).getString("code")).isEqualTo("not_found");
        assertThat(error(missing).getString("message")).isEqualTo("collection 'roads' not found");
    }
}
