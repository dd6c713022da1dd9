package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.postgis.QueryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anonymous public reads are bounded (issue 14, item 9): they run on a pool of their own whose
 * statements PostgreSQL cancels after {@code HUB_DB_PUBLIC_STATEMENT_TIMEOUT_SECONDS} (the route then
 * answers 503), tiles below a layer's minimum zoom cost no query, and the hierarchy is served from
 * memory until a hierarchy change notice (any writer, e.g. an import) makes the hub read it again.
 * Tables are locked from another connection to make "touches the database" observable.
 */
class PublicReadsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DB_PUBLIC_STATEMENT_TIMEOUT_SECONDS", "2",
            "HUB_DB_PUBLIC_POOL_SIZE", "2"));

    @Test
    void thePublicPoolCancelsStatementsAfterItsTimeout() throws Exception {
        try (Connection c = hub.app().publicDataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("2s");
            }
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(4)")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).as("query_canceled").isEqualTo("57014"));
        }
    }

    @Test
    void aPublicReadStuckInTheDatabaseIsAnswered503WhenItsStatementTimesOut() throws Exception {
        try (AutoCloseable locked = lock("facility")) {
            HttpResponse<String> r = hub.get("/collections/facilities/items", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("busy");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(hub.get("/collections/facilities/items", null).statusCode()).isEqualTo(200);
    }

    @Test
    void tilesBelowTheLayersMinimumZoomAreEmptyWithoutAQuery() throws Exception {
        try (AutoCloseable locked = lock("building")) {
            for (String path : new String[] {"/tiles/buildings/0/0/0.mvt", tile("buildings", 13)}) {
                HttpResponse<String> r = hub.get(path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path).isEmpty();
                assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.mapbox-vector-tile");
            }
        }
        HttpResponse<String> atMinimum = hub.get(tile("buildings", 14), null);
        assertThat(atMinimum.statusCode()).isEqualTo(200);
        assertThat(atMinimum.body()).contains("ita-b1");
        assertThat(hub.get("/tiles/facilities/11/0/0.mvt", null).body()).isEmpty();
        assertThat(hub.get(tile("facilities", 12), null).body()).contains("ita-aed-1");
    }

    @Test
    void theHierarchyIsServedFromMemoryAndReadAgainAfterAnImport() throws Exception {
        String before = hierarchy();
        assertThat(before).contains("ita-b1").doesNotContain("ita-b9");
        try (AutoCloseable locked = lock("building")) {
            assertThat(hierarchy()).as("answered without reading the locked tables").isEqualTo(before);
        }
        String building = """
                {"type": "FeatureCollection", "features": [{"type": "Feature",
                  "properties": {"layer": "building", "code": "ita-b9", "name": "新楼", "parent": "ita-q1"},
                  "geometry": {"type": "Polygon", "coordinates": [[[114.0515, 22.5435], [114.0525, 22.5435],
                    [114.0525, 22.5445], [114.0515, 22.5445], [114.0515, 22.5435]]]}}]}""";
        var report = GeoImports.service(hub.dataSource())
                .importGeoJson(new ByteArrayInputStream(building.getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.ok()).as(report.render()).isTrue();
        HubFixture.await(WAIT, "the imported building in the hierarchy", () -> {
            try {
                return hierarchy().contains("ita-b9");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String hierarchy() throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/hierarchy", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String tile(String layer, int z) {
        int[] xy = QueryFixture.tileOf(114.052, 22.542, z);
        return "/tiles/" + layer + "/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt";
    }

    /** Holds an ACCESS EXCLUSIVE lock on {@code table} until closed: any query reading it waits. */
    static AutoCloseable lock(HubExtension hub, String table) throws SQLException {
        Connection c = hub.dataSource().getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
        return () -> {
            c.rollback();
            c.close();
        };
    }

    private static AutoCloseable lock(String table) throws SQLException {
        return lock(hub, table);
    }
}
