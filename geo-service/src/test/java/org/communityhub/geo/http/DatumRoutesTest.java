package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code GET /api/v1/datum} as {@link GeoHttpApi} mounts it, on a Vert.x server of its own whose database cannot be
 * reached (the route needs none): pairs of positions about 100 m either side of the Hong Kong and Macau land borders
 * (those of {@code HongKongMacauBorderTest}) get the mainland flag and the shift of {@link DatumConverter}, or none;
 * GCJ-02 and BD-09 input is read as the mainland place it stands for; bad input is 400 naming the parameter.
 */
class DatumRoutesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Degrees; the JSON numbers carry the doubles exactly, this only absorbs nothing but rounding in print. */
    private static final double EXACT = 1e-12;
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/hub");
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new GeoHttpApi(vertx.createSharedWorkerExecutor("geo-datum", 2), new PostgisGeoQueries(nowhere)).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}: ({1}, {2}) mainland, ({3}, {4}) not")
    @CsvSource({
        "Futian Port / Lok Ma Chau Spur Line, 114.06562, 22.51777, 114.06603, 22.51602",
        "Luohu Port / Lo Wu,                  114.11423, 22.53147, 114.11512, 22.52988",
        "Gongbei Port / Portas do Cerco,      113.54775, 22.21752, 113.54823, 22.21578",
    })
    void eitherSideOfTheLandBorder(String place, double lon, double lat, double otherLon, double otherLat) throws Exception {
        LonLat mainland = new LonLat(lon, lat);
        JsonObject shifted = ok("/api/v1/datum?lon=" + lon + "&lat=" + lat);
        assertThat(shifted.getBoolean("mainland")).as(place + " mainland side").isTrue();
        assertPoint(shifted, "wgs84", mainland);
        assertPoint(shifted, "gcj02", DatumConverter.fromWgs84(Datum.GCJ02, mainland));
        assertPoint(shifted, "bd09", DatumConverter.fromWgs84(Datum.BD09, mainland));
        assertThat(Math.abs(point(shifted, "gcj02").lon() - lon) + Math.abs(point(shifted, "gcj02").lat() - lat))
                .as(place + ": GCJ-02 some 500 m off WGS-84").isGreaterThan(0.003);

        LonLat other = new LonLat(otherLon, otherLat);
        JsonObject unshifted = ok("/api/v1/datum?lon=" + otherLon + "&lat=" + otherLat + "&crs=wgs84");
        assertThat(unshifted.getBoolean("mainland")).as(place + " Hong Kong / Macau side").isFalse();
        for (String datum : new String[] {"wgs84", "gcj02", "bd09"}) {
            assertPoint(unshifted, datum, other);
        }
    }

    @Test
    void gcj02AndBd09InputIsTheMainlandPlaceItStandsForEvenWhenItLiesAcrossTheBorder() throws Exception {
        LonLat gongbei = new LonLat(113.5400, 22.2150);
        for (Datum given : new Datum[] {Datum.GCJ02, Datum.BD09}) {
            LonLat published = DatumConverter.fromWgs84(given, gongbei);
            JsonObject r = ok(String.format(Locale.ROOT, "/api/v1/datum?lon=%.12f&lat=%.12f&crs=%s", published.lon(),
                    published.lat(), given.code().toUpperCase(Locale.ROOT)));
            assertThat(r.getBoolean("mainland")).as(given.code()).isTrue();
            assertThat(point(r, "wgs84").lon()).as(given.code()).isCloseTo(gongbei.lon(), within(1e-8));
            assertThat(point(r, "wgs84").lat()).as(given.code()).isCloseTo(gongbei.lat(), within(1e-8));
            assertThat(point(r, given.code()).lon()).isCloseTo(published.lon(), within(1e-8));
            assertThat(point(r, given.code()).lat()).isCloseTo(published.lat(), within(1e-8));
        }
    }

    @Test
    void theAnswerIsPublicJsonCachedForADay() throws Exception {
        HttpResponse<String> r = get("/api/v1/datum?lon=114.0522&lat=22.5418");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=86400");
        assertThat(new JsonObject(r.body()).fieldNames()).containsExactlyInAnyOrder("mainland", "wgs84", "gcj02", "bd09");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "lat=22.5                    | parameter 'lon': is required",
        "lon=114.05                  | parameter 'lat': is required",
        "lon=east&lat=22.5           | parameter 'lon': must be a decimal number",
        "lon=114.05&lat=22,5         | parameter 'lat': must be a decimal number",
        "lon=181&lat=22.5            | parameter 'lon': must be a longitude in [-180, 180]",
        "lon=114.05&lat=-90.5        | parameter 'lat': must be a latitude in [-90, 90]",
        "lon=114.05&lat=22.5&crs=utm | parameter 'crs': must be one of wgs84, gcj02, bd09, cgcs2000",
    })
    void badInputIs400NamingTheParameter(String query, String message) throws Exception {
        HttpResponse<String> r = get("/api/v1/datum?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("bad_parameter");
        assertThat(error.getString("message")).isEqualTo(message);
    }

    private static void assertPoint(JsonObject answer, String datum, LonLat expected) {
        LonLat p = point(answer, datum);
        assertThat(p.lon()).as(datum + " lon").isCloseTo(expected.lon(), within(EXACT));
        assertThat(p.lat()).as(datum + " lat").isCloseTo(expected.lat(), within(EXACT));
    }

    private static LonLat point(JsonObject answer, String datum) {
        JsonObject p = answer.getJsonObject(datum);
        return new LonLat(p.getDouble("lon"), p.getDouble("lat"));
    }

    private static JsonObject ok(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
