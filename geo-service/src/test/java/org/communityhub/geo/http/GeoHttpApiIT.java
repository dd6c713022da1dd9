package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.communityhub.geo.postgis.QueryFixture;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The geo routes over real HTTP on a Vert.x server backed by real PostGIS. */
class GeoHttpApiIT {

    private static GeoApiServer server;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase db = TestDatabase.createGeo();
        QueryFixture.load(db);
        server = GeoApiServer.start(db);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertBadParameter(String pathAndQuery, String parameter) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("bad_parameter");
        assertThat(error.getString("message")).as(pathAndQuery).contains("'" + parameter + "'");
    }

    @Test
    void hierarchyAndLocateIncludingChineseDatums() throws Exception {
        JsonArray communities = server.json("/api/v1/hierarchy").getJsonArray("communities");
        assertThat(communities.getJsonObject(0).getJsonArray("compounds").getJsonObject(0).getJsonArray("buildings")
                .getJsonObject(1).getString("code")).isEqualTo("q-b2");
        JsonObject here = server.json("/api/v1/locate?lon=121.0015&lat=31.0015");
        assertThat(here.getJsonObject("building").getString("code")).isEqualTo("q-b1");
        assertThat(here.getJsonObject("community").getString("name")).isEqualTo("q-m1 名");
        LonLat gcj = DatumConverter.fromWgs84(Datum.GCJ02, new LonLat(121.0015, 31.0015));
        JsonObject viaGcj = server.json("/api/v1/locate?lon=" + gcj.lon() + "&lat=" + gcj.lat() + "&crs=gcj02");
        assertThat(viaGcj.getJsonObject("building").getString("code")).isEqualTo("q-b1");
        JsonObject nowhere = server.json("/api/v1/locate?lon=10&lat=10");
        assertThat(nowhere.getValue("community")).isNull();
        assertThat(nowhere.containsKey("building")).isTrue();
    }

    @Test
    void nearestIsGeoJsonNearestFirstWithMetres() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/facilities/nearest?lon=" + QueryFixture.LON + "&lat="
                + QueryFixture.LAT + "&limit=3&radius=500");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/geo+json"));
        JsonArray features = new JsonObject(response.body()).getJsonArray("features");
        assertThat(features).hasSize(3);
        double previous = -1;
        for (int i = 0; i < 3; i++) {
            JsonObject p = features.getJsonObject(i).getJsonObject("properties");
            assertThat(p.getString("code")).isEqualTo(QueryFixture.CODES[i]);
            assertThat(p.getDouble("distance_m")).isGreaterThan(previous);
            previous = p.getDouble("distance_m");
        }
        JsonArray aeds = server.json("/api/v1/facilities/nearest?lon=121.001&lat=31.0005&category=aed").getJsonArray("features");
        assertThat(aeds).hasSize(2);
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        assertBadParameter("/api/v1/locate?lon=121", "lat");
        assertBadParameter("/api/v1/locate?lon=abc&lat=31", "lon");
        assertBadParameter("/api/v1/locate?lon=NaN&lat=31", "lon");
        assertBadParameter("/api/v1/locate?lon=181&lat=31", "lon");
        assertBadParameter("/api/v1/locate?lon=121&lat=-91", "lat");
        assertBadParameter("/api/v1/locate?lon=121&lat=31&crs=utm50", "crs");
        assertBadParameter("/api/v1/facilities/nearest?lon=121&lat=31&limit=101", "limit");
        assertBadParameter("/api/v1/facilities/nearest?lon=121&lat=31&category=Fire%20Hydrant", "category");
        assertBadParameter("/api/v1/facilities/nearest?lon=121&lat=31&radius=-5", "radius");
        assertBadParameter("/collections/buildings/items?bbox=1,2,3", "bbox");
        assertBadParameter("/collections/buildings/items?bbox=3,2,1,4", "bbox");
        assertBadParameter("/collections/buildings/items?limit=1001", "limit");
        assertBadParameter("/collections/buildings/items?offset=-1", "offset");
        assertBadParameter("/tiles/buildings/30/0/0.mvt", "z");
        assertBadParameter("/tiles/buildings/2/4/0.mvt", "x");
    }

    @Test
    void unknownCollectionsItemsAndLayersAre404() throws Exception {
        for (String path : new String[] {"/collections/roads", "/collections/roads/items", "/collections/buildings/items/nope",
            "/collections/buildings/items/NOPE", "/tiles/roads/1/0/0.mvt"}) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo("not_found");
        }
    }

    @Test
    void ogcCollectionsPageWithNextLinksAndBbox() throws Exception {
        assertThat(server.json("/conformance").getJsonArray("conformsTo")).contains(GeoJsonViews.CONFORMANCE_CORE);
        assertThat(server.json("/collections").getJsonArray("collections")).hasSize(5);
        assertThat(server.json("/collections/grids").getString("id")).isEqualTo("grids");
        assertThat(server.json("/collections/facilities").getString("id")).isEqualTo("facilities");
        JsonObject first = server.json("/collections/buildings/items?limit=2");
        assertThat(first.getLong("numberMatched")).isEqualTo(3);
        assertThat(first.getInteger("numberReturned")).isEqualTo(2);
        String next = GeoApiServer.link(first, "next");
        assertThat(next).isEqualTo("/collections/buildings/items?limit=2&offset=2");
        JsonObject second = server.json(next);
        assertThat(second.getInteger("numberReturned")).isEqualTo(1);
        assertThat(second.getJsonArray("features").getJsonObject(0).getString("id")).isEqualTo("q-b3");
        assertThat(GeoApiServer.link(second, "next")).isNull();
        JsonObject boxed = server.json("/collections/compounds/items?bbox=121.0,31.0,121.006,31.006");
        assertThat(boxed.getLong("numberMatched")).isEqualTo(1);
        JsonObject item = server.json("/collections/compounds/items/q-c1");
        assertThat(item.getJsonObject("geometry").getString("type")).isEqualTo("MultiPolygon");
        assertThat(item.getJsonObject("properties").getString("community")).isEqualTo("q-m1");
    }

    @Test
    void facilityItemsByCategoryKeepTheFilterInTheirNextLinks() throws Exception {
        JsonObject aeds = server.json("/collections/facilities/items?category=aed");
        assertThat(aeds.getLong("numberMatched")).isEqualTo(2);
        assertThat(aeds.getJsonArray("features").stream().map(f -> ((JsonObject) f).getString("id")))
                .containsExactly("f-aed-1", "f-aed-2");
        String box = "&bbox=" + (QueryFixture.LON - 0.001) + ",31.0," + (QueryFixture.LON + 0.001) + ",31.01";
        JsonObject first = server.json("/collections/facilities/items?limit=2&category=fire_hydrant,exit,aed" + box);
        assertThat(first.getLong("numberMatched")).as("the five near the origin, none of the fillers").isEqualTo(5);
        String next = GeoApiServer.link(first, "next");
        assertThat(next).contains("category=aed,exit,fire_hydrant").contains(box);
        JsonObject second = server.json(next);
        assertThat(second.getJsonArray("features").stream().map(f -> ((JsonObject) f).getString("id")))
                .as("ordered by code").containsExactly("f-exit-1", "f-hyd-1");
        assertThat(server.json("/collections/facilities/items?category=parcel_locker&limit=1").getLong("numberMatched"))
                .isEqualTo(2000);
        assertBadParameter("/collections/facilities/items?category=AED", "category");
        assertBadParameter("/collections/facilities/items?category=aed,,exit", "category");
        assertBadParameter("/collections/buildings/items?category=aed", "category");
    }

    @Test
    void tilesHaveEtagAndAnswer304WhenUnchanged() throws Exception {
        int[] xy = QueryFixture.tileOf(121.0015, 31.0015, 16);
        String path = "/tiles/buildings/16/" + xy[0] + "/" + xy[1] + ".mvt";
        HttpResponse<String> tile = server.get(path);
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
        assertThat(tile.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        String etag = tile.headers().firstValue("ETag").orElseThrow();
        assertThat(tile.body()).contains("q-b1");
        HttpResponse<String> again = server.get(path, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> other = server.get("/tiles/facilities/16/" + xy[0] + "/" + xy[1] + ".mvt", "If-None-Match", etag);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
    }
}
