package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.geo.testing.TestMbtiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offline basemap (CONTRACT §2, {@code HUB_BASEMAP_MBTILES}) through the whole hub, on an MBTiles file this test
 * writes itself ({@link TestMbtiles#coloured}: a PNG of its own colour for each tile of zooms 0–2, stored at TMS rows):
 * {@code /basemap/{z}/{x}/{y}.png} answers each XYZ address with the tile of that colour (the row flipped), as
 * {@code image/png} with a strong ETag that gives 304; a tile the file lacks and another extension are 404, a bad
 * z, x or y 400 naming it; {@code /api/v1/ui-config} lists the file first; and a file that is not MBTiles stops the
 * packaged hub's start with one line naming the variable.
 */
class BasemapIT {

    private static final String ATTRIBUTION = "<b>© 测试底图</b> & OSM";
    private static Path dir;

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(() -> {
        dir = Files.createTempDirectory("hub-basemap-");
        return Map.of("HUB_BASEMAP_MBTILES", TestMbtiles.coloured(dir.resolve("district.mbtiles"), "测试街道底图",
                ATTRIBUTION).toString(), "HUB_TILE_NAME", "OSM (offline in tests)", "HUB_TILE_URL",
                "http://127.0.0.1:9/{z}/{x}/{y}.png");
    });

    @AfterAll
    static void removeFiles() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Test
    void uiConfigListsTheFileFirstWithItsZoomsBoundsAndAttribution() throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/ui-config", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray tiles = new JsonObject(r.body()).getJsonArray("tiles");
        assertThat(tiles).hasSize(2);
        JsonObject own = tiles.getJsonObject(0);
        assertThat(own.getString("name")).isEqualTo("测试街道底图");
        assertThat(own.getString("url")).isEqualTo("/basemap/{z}/{x}/{y}.png");
        assertThat(own.getString("attribution")).isEqualTo(ATTRIBUTION);
        assertThat(own.getString("datum")).isEqualTo("wgs84");
        assertThat(own.getInteger("minZoom")).isZero();
        assertThat(own.getInteger("maxZoom")).isEqualTo(2);
        assertThat(own.getBoolean("offline")).isTrue();
        assertThat(own.getJsonArray("bounds").getList()).containsExactly(-180.0, -85.0511, 180.0, 85.0511);
        assertThat(tiles.getJsonObject(1).getString("name")).isEqualTo("OSM (offline in tests)");
    }

    @Test
    void eachXyzAddressServesTheTileStoredAtItsTmsRow() throws Exception {
        for (int z = 0; z <= 2; z++) {
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    String path = "/basemap/" + z + "/" + x + "/" + y + ".png";
                    HttpResponse<byte[]> r = bytes(path);
                    if (z == TestMbtiles.HOLE[0] && x == TestMbtiles.HOLE[1] && y == TestMbtiles.HOLE[2]) {
                        assertThat(r.statusCode()).as(path + ": not in the file").isEqualTo(404);
                        continue;
                    }
                    assertThat(r.statusCode()).as(path).isEqualTo(200);
                    assertThat(r.headers().firstValue("Content-Type")).as(path).contains("image/png");
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
                    assertThat(new Color(image.getRGB(100, 100))).as(path).isEqualTo(TestMbtiles.colour(z, x, y));
                }
            }
        }
        // XYZ row 0 is the north: at zoom 1 it is TMS row 1, so the two rows of a column differ and are not swapped.
        assertThat(colour("/basemap/1/0/0.png")).isEqualTo(TestMbtiles.colour(1, 0, 0));
        assertThat(colour("/basemap/1/0/1.png")).isEqualTo(TestMbtiles.colour(1, 0, 1));
    }

    @Test
    void tilesCarryAStrongEtagThatRevalidatesTo304() throws Exception {
        HttpResponse<byte[]> first = bytes("/basemap/2/3/1.png");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        HttpResponse<byte[]> again = hub.http().send(HttpRequest.newBuilder(hub.uri("/basemap/2/3/1.png"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(bytes("/basemap/2/3/2.png").headers().firstValue("ETag")).as("another tile, another tag")
                .isNotEqualTo(first.headers().firstValue("ETag"));
    }

    @Test
    void missingTilesAndOtherExtensionsAre404AndBadAddresses400() throws Exception {
        assertThat(bytes("/basemap/3/0/0.png").statusCode()).as("deeper than the file").isEqualTo(404);
        assertThat(bytes("/basemap/0/0/0.jpg").statusCode()).as("the file has png tiles").isEqualTo(404);
        assertThat(bytes("/basemap/0/0/0.pbf").statusCode()).isEqualTo(404);
        for (String[] bad : List.of(new String[] {"/basemap/25/0/0.png", "z"}, new String[] {"/basemap/a/0/0.png", "z"},
                new String[] {"/basemap/2/4/0.png", "x"}, new String[] {"/basemap/2/-1/0.png", "x"},
                new String[] {"/basemap/2/0/4.png", "y"}, new String[] {"/basemap/2/0/y.png", "y"},
                new String[] {"/basemap/2/0/0", "y"})) {
            HttpResponse<String> r = hub.get(bad[0], null);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            JsonObject error = new JsonObject(r.body()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("bad_parameter");
            assertThat(error.getString("message")).as(bad[0]).startsWith("parameter '" + bad[1] + "'");
        }
    }

    @Test
    void aFileThatIsNotMbtilesStopsTheStartInOneLineNamingTheVariable() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mbtiles"), "these are notes, not tiles\n");
        assertRefused(text, "not an SQLite database");
        Path noTiles = TestMbtiles.builder().meta("format", "png").write(dir.resolve("plain.sqlite"));
        TestMbtiles.sql(noTiles, "DROP TABLE tiles");
        assertRefused(noTiles, "no 'tiles' table");
        assertRefused(dir.resolve("absent.mbtiles"), "no readable file");
    }

    private static void assertRefused(Path file, String reason) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/hub.jar").toString(), "start"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(HubEnv.of(hub.config().dbUrl(), "basemapbad"));
        pb.environment().put("HUB_BASEMAP_MBTILES", file.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the hub stops by itself").isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out.lines().filter(l -> l.contains("HUB_BASEMAP_MBTILES") && !l.contains(" INFO ")))
                .as(out).singleElement().asString().contains(file.toString()).contains(reason);
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(hub.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Color colour(String path) throws Exception {
        return new Color(ImageIO.read(new ByteArrayInputStream(bytes(path).body())).getRGB(0, 0));
    }
}
