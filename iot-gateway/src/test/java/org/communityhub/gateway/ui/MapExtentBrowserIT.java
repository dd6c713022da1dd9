package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A deployment far from the demo data (Longquan, Tengzhou, Shandong) opens its map on its own
 * community, not on Shenzhen: the page fits the extent that {@code /api/v1/ui-config} reports.
 */
class MapExtentBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theMapOpensOnTheImportedCommunityWhereverItIs() throws Exception {
        try (TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS)) {
            String geojson = new JsonObject().put("type", "FeatureCollection").put("features", new JsonArray()
                    .add(new JsonObject().put("type", "Feature").put("geometry", square(117.150, 35.080, 0.012))
                            .put("properties", new JsonObject().put("layer", "community").put("code", "lq")
                                    .put("name", "龙泉社区")))).encode();
            var report = GeoImports.service(db.database().dataSource())
                    .importGeoJson(new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)), null);
            assertThat(report.ok()).as(report.render()).isTrue();
            try (HubProcess hub = HubProcess.start(env(db)); Browser b = Browser.phone(360, 740)) {
                b.open(hub.baseUrl() + "/", WAIT);
                List<?> view = (List<?>) b.js("return window.hubTest.view();");
                // The whole community is in sight (the map's centre may lie south of it: the fit keeps clear of the
                // bottom sheet on a phone), zoomed in on it.
                List<?> seen = (List<?>) b.js("return window.hubTest.bounds();");
                assertThat(((Number) seen.get(0)).doubleValue()).as("west edge of the view").isLessThanOrEqualTo(117.150);
                assertThat(((Number) seen.get(1)).doubleValue()).as("south edge of the view").isLessThanOrEqualTo(35.080);
                assertThat(((Number) seen.get(2)).doubleValue()).as("east edge of the view").isGreaterThanOrEqualTo(117.162);
                assertThat(((Number) seen.get(3)).doubleValue()).as("north edge of the view").isGreaterThanOrEqualTo(35.092);
                assertThat(((Number) view.get(2)).intValue()).as("zoomed in on the community").isGreaterThanOrEqualTo(13);
            }
        }
    }

    private static Map<String, String> env(TestDatabase db) {
        Map<String, String> env = HubEnv.of(db.jdbcUrl(), db.name());
        env.put("HUB_TILE_URL", UiHub.DEAD_TILES);
        return env;
    }

    private static JsonObject square(double lon, double lat, double size) {
        JsonArray ring = new JsonArray().add(new JsonArray().add(lon).add(lat)).add(new JsonArray().add(lon + size).add(lat))
                .add(new JsonArray().add(lon + size).add(lat + size)).add(new JsonArray().add(lon).add(lat + size))
                .add(new JsonArray().add(lon).add(lat));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
