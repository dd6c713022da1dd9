package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.port.NearbyFacility;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hub answers {@code /api/v1/facilities/nearest} from its in-memory index: the answers equal
 * the PostGIS query's (same facilities, same order, the same metres to the decimetre it shows), and a
 * change made by another writer straight in the database reaches the index by itself.
 */
class NearestIndexIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static JsonArray nearest(double lon, double lat, String extra) throws Exception {
        var r = hub.get("/api/v1/facilities/nearest?lon=" + lon + "&lat=" + lat + extra, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("features");
    }

    @Test
    void facilitiesWrittenByAnotherProgramAreFoundAndEveryAnswerEqualsTheDatabasesOwn() throws Exception {
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO facility (code, name, category, geom) SELECT 'nix-' || g, '设施 ' || g,"
                    + " (ARRAY['aed','clinic','exit','kindergarten'])[1 + g % 4],"
                    + " ST_SetSRID(ST_MakePoint(114.045 + (g * 7919 % 1000) / 40000.0, 22.535 + (g * 104729 % 1000) / 60000.0),"
                    + " 4326) FROM generate_series(1, 2000) g");
        }
        HubFixture.await(Duration.ofSeconds(10), "the index picks up facilities inserted by another writer",
                () -> {
                    try {
                        return nearest(114.045 + 7919 % 1000 / 40000.0, 22.535 + 104729 % 1000 / 60000.0, "&limit=1")
                                .getJsonObject(0).getJsonObject("properties").getString("code").equals("nix-1");
                    } catch (Exception e) {
                        return false;
                    }
                });
        PostgisGeoQueries database = new PostgisGeoQueries(hub.dataSource());
        Random random = new Random(7);
        String[] categories = {null, "aed", "clinic", "exit", "kindergarten"};
        for (int q = 0; q < 200; q++) {
            double lon = 114.04 + random.nextDouble() * 0.035;
            double lat = 22.53 + random.nextDouble() * 0.025;
            String category = categories[q % categories.length];
            int limit = 1 + random.nextInt(20);
            Double radius = q % 3 == 0 ? 100.0 + random.nextInt(400) : null;
            JsonArray http = nearest(lon, lat, "&limit=" + limit + (category == null ? "" : "&category=" + category)
                    + (radius == null ? "" : "&radius=" + radius));
            List<NearbyFacility> sql = database.nearest(lon, lat, category, limit, radius);
            assertThat(http.size()).as("query %d", q).isEqualTo(sql.size());
            for (int i = 0; i < sql.size(); i++) {
                JsonObject p = http.getJsonObject(i).getJsonObject("properties");
                assertThat(p.getString("code")).as("query %d, rank %d", q, i).isEqualTo(sql.get(i).code());
                assertThat(p.getDouble("distance_m")).isCloseTo(sql.get(i).distanceMetres(), within(0.051));
            }
        }
    }
}
