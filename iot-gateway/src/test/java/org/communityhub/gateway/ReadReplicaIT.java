package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamingReplica;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.postgis.QueryFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Read replicas for the public map (issue 19, item 3): a hub with {@code HUB_DB_READ_URL} on a real streaming
 * replica of the private cluster ({@code pg_basebackup -R} over loopback, {@link StreamingReplica}). With the
 * replica's replay paused, a grid imported on the primary stays unseen by the public OGC route: the read went to
 * the replica. An import of facilities and a building fences the replica (their change notices): they are served at
 * once, from the primary, and the hierarchy shows the building. After the lag passes
 * {@code HUB_DB_READ_MAX_LAG_SECONDS} the primary answers; the lag is in {@code /metrics}; with the replica
 * stopped the public routes still answer (from the primary), and the replica is used again when it returns.
 * About 40 s (a cluster copy, and the lag bound waited out once).
 */
class ReadReplicaIT {

    private static final int MAX_LAG = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern METRIC = Pattern.compile("(?m)^(hub_db_replica_[a-z_]+) (\\S+)$");

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    private static StreamingReplica replica;

    @BeforeAll
    static void replica() throws Exception {
        replica = StreamingReplica.create();
        hub.fixture().restartWith(Map.of("HUB_DB_READ_URL", replica.urlOf(hub.config().dbUrl()),
                "HUB_DB_READ_MAX_LAG_SECONDS", String.valueOf(MAX_LAG)));
    }

    @AfterAll
    static void dropReplica() throws Exception {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void publicReadsGoToTheReplicaUntilAChangeItHasNotReplayedOrTooMuchLagOrItIsDown() throws Exception {
        HubFixture.await(WAIT, () -> "public reads on the replica; " + metrics(), () -> metric("in_use") == 1);
        assertThat(metric("lag_seconds")).as("caught up").isLessThan(MAX_LAG);

        importFile(grid("ita-g9", 114.0501));
        HubFixture.await(WAIT, "the grid served after the replica replayed it",
                () -> status("/collections/grids/items/ita-g9") == 200);

        // Replay paused: what the primary has now, the replica has not, and the public route answers the replica's way.
        replica.pauseReplay();
        importFile(grid("ita-g8", 114.0521));
        assertThat(hub.column("SELECT count(*) FROM grid WHERE code = 'ita-g8'")).as("on the primary").containsExactly(1L);
        assertThat(status("/collections/grids/items/ita-g8")).as("read from the paused replica").isEqualTo(404);
        assertThat(metric("in_use")).isEqualTo(1);

        // Facilities and a building change: their notices keep public reads on the primary until the replica has them.
        importFile(FACILITY_AND_BUILDING);
        HubFixture.await(WAIT, "the new facility served at once", () -> status("/collections/facilities/items/ita-aed-9") == 200);
        assertThat(status("/collections/grids/items/ita-g8")).as("from the primary now").isEqualTo(200);
        assertThat(hub.get("/api/v1/hierarchy", null).body()).contains("ita-b9");
        assertThat(metric("in_use")).isZero();

        replica.resumeReplay();
        HubFixture.await(WAIT, () -> "back on the replica once it replayed the change; " + metrics(),
                () -> metric("in_use") == 1);
        assertThat(status("/collections/facilities/items/ita-aed-9")).isEqualTo(200);
        assertThat(status("/collections/grids/items/ita-g8")).isEqualTo(200);

        // Lag beyond the bound: the primary answers.
        replica.pauseReplay();
        importFile(grid("ita-g7", 114.0541));
        assertThat(status("/collections/grids/items/ita-g7")).as("read from the paused replica").isEqualTo(404);
        HubFixture.await(Duration.ofSeconds(MAX_LAG + 30L), () -> "the primary answering after the lag bound; " + metrics(),
                () -> status("/collections/grids/items/ita-g7") == 200);
        assertThat(metric("lag_seconds")).isGreaterThan(MAX_LAG);
        assertThat(metric("in_use")).isZero();
        replica.resumeReplay();
        HubFixture.await(WAIT, () -> "the replica caught up; " + metrics(), () -> metric("in_use") == 1);
        assertThat(metric("lag_seconds")).isLessThan(MAX_LAG);

        // Replica down: every public route still answers, from the primary; and the replica is used again when back.
        replica.stop();
        HubFixture.await(WAIT, () -> "the replica seen as down; " + metrics(), () -> metric("in_use") == 0
                && Double.isNaN(metric("lag_seconds")));
        for (String path : new String[] {"/collections/grids/items/ita-g7", "/collections/facilities/items?limit=5",
            "/api/v1/locate?lon=114.0528&lat=22.542", "/api/v1/ui-config", tile()}) {
            HttpResponse<String> r = hub.get(path, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        }
        replica.start();
        HubFixture.await(WAIT, () -> "back on the restarted replica; " + metrics(), () -> metric("in_use") == 1);
        assertThat(status("/collections/grids/items/ita-g7")).isEqualTo(200);
    }

    private static final String FACILITY_AND_BUILDING = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"layer": "facility", "code": "ita-aed-9", "name": "AED 9", "category": "aed"},
               "geometry": {"type": "Point", "coordinates": [114.0531, 22.5431]}},
              {"type": "Feature", "properties": {"layer": "building", "code": "ita-b9", "name": "新楼", "parent": "ita-q1"},
               "geometry": {"type": "Polygon", "coordinates": [[[114.0515, 22.5435], [114.0525, 22.5435],
                 [114.0525, 22.5445], [114.0515, 22.5445], [114.0515, 22.5435]]]}}]}""";

    private static String tile() {
        int[] xy = QueryFixture.tileOf(114.052, 22.542, 14);
        return "/tiles/buildings/14/" + xy[0] + "/" + xy[1] + ".mvt";
    }

    /** A grid of community ita, 0.0018° wide from {@code west}. */
    private static String grid(String code, double west) {
        double east = west + 0.0018;
        return """
                {"type": "FeatureCollection", "features": [{"type": "Feature",
                  "properties": {"layer": "grid", "code": "%s", "name": "网格 %s", "parent": "ita"},
                  "geometry": {"type": "Polygon", "coordinates": [[[%s, 22.5401], [%s, 22.5401], [%s, 22.5419],
                    [%s, 22.5419], [%s, 22.5401]]]}}]}""".formatted(code, code, west, east, east, west, west);
    }

    /** Imports on the primary, as another process would (the hub hears of it only through notices). */
    private static void importFile(String geojson) throws Exception {
        var report = GeoImports.service(hub.dataSource())
                .importGeoJson(new ByteArrayInputStream(geojson.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.ok()).as(report.render()).isTrue();
    }

    private static int status(String path) {
        try {
            return hub.get(path, null).statusCode();
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    private static String metrics() {
        try {
            StringBuilder out = new StringBuilder();
            Matcher m = METRIC.matcher(hub.get("/metrics", null).body());
            while (m.find()) {
                out.append(m.group(1)).append('=').append(m.group(2)).append(' ');
            }
            return out.toString();
        } catch (Exception e) {
            throw new AssertionError("/metrics", e);
        }
    }

    /** {@code hub_db_replica_<name>} from /metrics (NaN as printed); fails when it is not reported. */
    private static double metric(String name) {
        try {
            Matcher m = Pattern.compile("(?m)^hub_db_replica_" + name + " (\\S+)$").matcher(hub.get("/metrics", null).body());
            if (!m.find()) {
                throw new AssertionError("/metrics has no hub_db_replica_" + name + ": " + metrics());
            }
            return Double.parseDouble(m.group(1));
        } catch (Exception e) {
            throw new AssertionError("/metrics", e);
        }
    }
}
