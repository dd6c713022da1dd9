package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's order, not the tests': the hub started on a database with nothing imported (and
 * then with buildings but no facilities) serves empty answers and opens the map on the whole country;
 * an import made while it runs (with {@code hub import}, another process) is served at once, and the
 * map then opens on the imported communities, wherever they are. A failure the hub did not expect
 * prints one line with what to do, and the whole stack goes to the log.
 */
class OperatorOrderIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsOnAnEmptyDatabaseThenServesWhatIsImportedWhileItRuns(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of()); HubProcess hub = HubProcess.start(env(db))) {
            assertThat(get(hub, "/health").statusCode()).isEqualTo(200);
            assertThat(json(hub, "/api/v1/hierarchy").getJsonArray("communities")).isEmpty();
            assertThat(json(hub, "/api/v1/facilities/nearest?lon=117.16&lat=35.08").getJsonArray("features")).isEmpty();
            JsonObject empty = json(hub, "/api/v1/ui-config");
            assertThat(empty.getValue("extent")).as("nothing imported yet").isNull();
            assertThat(empty.getInteger("zoom")).isLessThanOrEqualTo(5);

            // Tengzhou, Shandong: far from the demo data in Shenzhen. Buildings first, no facilities.
            Path buildings = dir.resolve("tengzhou.geojson");
            Files.writeString(buildings, collection(
                    feature("community", "lq", "龙泉社区", null, square(117.150, 35.080, 0.010)),
                    feature("compound", "lq-a", "龙泉一区", "lq", square(117.152, 35.082, 0.004)),
                    feature("building", "lq-a-1", "1栋", "lq-a", square(117.153, 35.083, 0.001))));
            assertThat(hubCli(db, "import", buildings.toString())).contains("Loaded 3 feature(s)");
            assertThat(json(hub, "/api/v1/hierarchy").encode()).contains("龙泉社区").contains("1栋");
            assertThat(json(hub, "/api/v1/facilities/nearest?lon=117.155&lat=35.085").getJsonArray("features"))
                    .as("no facilities yet").isEmpty();
            JsonArray extent = json(hub, "/api/v1/ui-config").getJsonArray("extent");
            assertThat(extent.getDouble(0)).isCloseTo(117.150, Offset.offset(1e-6));
            assertThat(extent.getDouble(3)).isCloseTo(35.090, Offset.offset(1e-6));
            JsonObject one = json(hub, "/api/v1/ui-config?community=lq");
            assertThat(one.getJsonArray("center").getDouble(0)).isCloseTo(117.155, Offset.offset(1e-6));
            assertThat(get(hub, "/api/v1/ui-config?community=No%20Such").statusCode()).isEqualTo(400);

            Path facilities = dir.resolve("facilities.geojson");
            JsonObject point = new JsonObject().put("type", "Point")
                    .put("coordinates", new JsonArray().add(117.154).add(35.084));
            Files.writeString(facilities, collection(new JsonObject().put("type", "Feature").put("geometry", point)
                    .put("properties", new JsonObject().put("layer", "facility").put("code", "lq-aed-1")
                            .put("name", "AED 龙泉").put("category", "aed"))));
            assertThat(hubCli(db, "import", facilities.toString())).contains("Loaded 1 feature(s)");
            HubFixture.await(Duration.ofSeconds(15), "the new facility served by the running hub", () -> {
                try {
                    return json(hub, "/api/v1/facilities/nearest?lon=117.155&lat=35.085").getJsonArray("features").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /**
     * Cases in the operator's order: the hub runs before any grid exists; a community and its grid imported while it
     * runs ({@code hub import}) locate a resident's report to that grid; the case, its photo and its tracking code
     * survive a restart of the hub.
     */
    @Test
    void aReportFiledAfterAGridImportWhileRunningLandsInItAndSurvivesARestart(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of())) {
            String code;
            byte[] photo;
            try (HubProcess hub = HubProcess.start(env(db))) {
                assertThat(get(hub, "/health").statusCode()).isEqualTo(200);
                Path grids = dir.resolve("grids.geojson");
                Files.writeString(grids, collection(
                        feature("community", "lq", "龙泉社区", null, square(117.150, 35.080, 0.010)),
                        feature("grid", "lq-g1", "龙泉一网格", "lq", square(117.150, 35.080, 0.005))));
                assertThat(hubCli(db, "import", grids.toString())).contains("Loaded 2 feature(s)");
                HubFixture.await(Duration.ofSeconds(15), "the new grid located by the running hub", () -> {
                    try {
                        return "lq-g1".equals(json(hub, "/api/v1/locate?lon=117.152&lat=35.082")
                                .getJsonObject("grid", new JsonObject()).getString("code"));
                    } catch (Exception e) {
                        return false;
                    }
                });
                HttpResponse<String> filed = CaseRequests.multipart(http, URI.create(hub.baseUrl() + "/api/v1/cases"),
                        null, null, CaseRequests.report("environment", "垃圾桶满了", new double[] {117.152, 35.082}),
                        List.of(CaseRequests.noisePng(400, 300, 16)), List.of());
                assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
                JsonObject c = new JsonObject(filed.body());
                assertThat(c.getJsonObject("grid").getString("code")).isEqualTo("lq-g1");
                assertThat(c.getJsonObject("community").getString("code")).isEqualTo("lq");
                code = c.getString("tracking_code");
                photo = bytes(hub, "/api/v1/cases/track/" + code + "/photos/1");
            }
            try (HubProcess again = HubProcess.start(env(db))) {
                JsonObject tracked = json(again, "/api/v1/cases/track/" + code);
                assertThat(tracked.getString("status")).isEqualTo("submitted");
                assertThat(tracked.getString("category")).isEqualTo("environment");
                assertThat(bytes(again, "/api/v1/cases/track/" + code + "/photos/1")).as("the photo after a restart")
                        .isEqualTo(photo);
            }
        }
    }

    @Test
    void anUnexpectedFailurePrintsOneLineWithWhatToDoAndLogsTheStack() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");
        env.put("HUB_DB_USER", "hub");
        env.put("HUB_DB_PASSWORD", "x");
        env.put("HUB_MQTT_URL", HubTestServices.mqttUrl());
        env.put("HUB_MQTT_PASSWORD", "x");
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "import", "/dev/null"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        List<String> reasons = out.lines().filter(l -> l.startsWith("hub: ")).toList();
        assertThat(reasons).as(out).hasSize(1);
        assertThat(reasons.get(0)).as("names the setting to check").contains("HUB_DB_URL")
                .doesNotStartWith("hub: java.").doesNotContain("password=");
        assertThat(out).as("the stack is logged once").contains("\tat ");
    }

    private static Map<String, String> env(TestDatabase db) {
        return HubEnv.of(db.jdbcUrl(), db.name());
    }

    private static String hubCli(TestDatabase db, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env(db));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        return Path.of("target/hub.jar").toAbsolutePath();
    }

    private HttpResponse<String> get(HubProcess hub, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] bytes(HubProcess hub, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private JsonObject json(HubProcess hub, String path) throws Exception {
        HttpResponse<String> r = get(hub, path);
        assertThat(r.statusCode()).as(path + " → " + r.body() + "\n" + hub.lastOutput()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static String collection(JsonObject... features) {
        JsonArray all = new JsonArray();
        for (JsonObject f : features) {
            all.add(f);
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", all).encode();
    }

    private static JsonObject feature(String layer, String code, String name, String parent, JsonObject geometry) {
        JsonObject props = new JsonObject().put("layer", layer).put("code", code).put("name", name);
        if (parent != null) {
            props.put("parent", parent);
        }
        return new JsonObject().put("type", "Feature").put("geometry", geometry).put("properties", props);
    }

    private static JsonObject square(double lon, double lat, double size) {
        JsonArray ring = new JsonArray().add(new JsonArray().add(lon).add(lat)).add(new JsonArray().add(lon + size).add(lat))
                .add(new JsonArray().add(lon + size).add(lat + size)).add(new JsonArray().add(lon).add(lat + size))
                .add(new JsonArray().add(lon).add(lat));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
