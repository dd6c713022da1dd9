package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hub answers {@code /api/v1/locate} from its in-memory area index: buildings and grids written by
 * another program straight into the database reach it by themselves (the tables' change notices), and
 * what it answers equals the database's own locate query.
 */
class LocateIndexIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    private static JsonObject locate(double lon, double lat) throws Exception {
        var r = hub.get("/api/v1/locate?lon=" + lon + "&lat=" + lat, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static String code(JsonObject located, String level) {
        JsonObject named = located.getJsonObject(level);
        return named == null ? null : named.getString("code");
    }

    private static String code(Named named) {
        return named == null ? null : named.code();
    }

    @Test
    void buildingsAndGridsWrittenByAnotherProgramAreLocatedAndAnswersEqualTheDatabasesOwn() throws Exception {
        double lon = 114.0545;
        double lat = 22.5440;
        JsonObject before = locate(lon, lat);
        assertThat(code(before, "compound")).isEqualTo("ita-q1");
        assertThat(code(before, "building")).isNull();
        assertThat(code(before, "grid")).isNull();
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO building (code, name, compound_code, geom) VALUES ('lix-b9', '新楼', 'ita-q1',"
                    + " ST_Multi(ST_MakeEnvelope(114.0540, 22.5435, 114.0548, 22.5445, 4326)))");
            s.execute("INSERT INTO grid (code, name, community_code, geom) VALUES ('lix-g1', '东北网格', 'ita',"
                    + " ST_Multi(ST_MakeEnvelope(114.053, 22.543, 114.056, 22.546, 4326)))");
        }
        HubFixture.await(Duration.ofSeconds(10), "the index picks up the building and grid another writer inserted", () -> {
            try {
                JsonObject now = locate(lon, lat);
                return "lix-b9".equals(code(now, "building")) && "lix-g1".equals(code(now, "grid"));
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(locate(lon, lat).getJsonObject("building").getString("name")).isEqualTo("新楼");
        PostgisGeoQueries database = new PostgisGeoQueries(hub.dataSource());
        for (double x = 114.049; x <= 114.067; x += 0.0007) {
            for (double y = 22.539; y <= 22.547; y += 0.0007) {
                Location sql = database.locate(x, y);
                JsonObject http = locate(x, y);
                assertThat(code(http, "community")).as("%s %s", x, y).isEqualTo(code(sql.community()));
                assertThat(code(http, "compound")).as("%s %s", x, y).isEqualTo(code(sql.compound()));
                assertThat(code(http, "building")).as("%s %s", x, y).isEqualTo(code(sql.building()));
                assertThat(code(http, "grid")).as("%s %s", x, y).isEqualTo(code(sql.grid()));
            }
        }
    }
}
