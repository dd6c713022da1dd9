package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.geo.testing.TestMbtiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offline basemap on a phone (390×844): with {@code HUB_BASEMAP_MBTILES} set, the page uses the hub's own file
 * by default (first in the basemap choice), requests its tiles from {@code /basemap/...} (same origin, allowed by
 * the page's CSP) and draws them — the tile under the map centre loads as a 256-pixel image of the colour the test
 * wrote at that address (so the XYZ/TMS row flip holds in the browser too) — and shows the file's attribution as
 * text, markup escaped, where the bottom sheet does not cover it.
 */
class BasemapBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ATTRIBUTION = "<b>© 测试底图</b> & OSM";
    private static Path dir;

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(() -> {
        dir = Files.createTempDirectory("hub-basemap-ui-");
        return Map.of("HUB_BASEMAP_MBTILES", TestMbtiles.coloured(dir.resolve("district.mbtiles"), "街道离线底图",
                ATTRIBUTION).toString(), "HUB_TILE_URL", UiHub.DEAD_TILES, "HUB_TILE_NAME", "OSM (offline in tests)");
    });

    @AfterAll
    static void removeFile() throws Exception {
        Files.delete(dir.resolve("district.mbtiles"));
        Files.delete(dir);
    }

    @Test
    void thePageDrawsTheHubsOwnTilesByDefaultWithTheFilesAttribution() {
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/", WAIT);
            List<?> view = (List<?>) b.js("return window.hubTest.view();");
            double lon = ((Number) view.get(0)).doubleValue();
            double lat = ((Number) view.get(1)).doubleValue();
            int x = (int) Math.floor((lon + 180) / 360 * 4);
            double mercator = Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat)));
            int y = (int) Math.floor((1 - mercator / Math.PI) / 2 * 4);
            String centre = "/basemap/2/" + x + "/" + y + ".png";
            b.waitFor(WAIT, "the tile " + centre + " loaded and drawn", d -> Boolean.TRUE.equals(b.js(
                    "return Array.from(document.querySelectorAll('img.leaflet-tile')).some(i => i.src.endsWith(arguments[0])"
                            + " && i.complete && i.naturalWidth === 256 && i.classList.contains('leaflet-tile-loaded'));",
                    centre)));
            List<?> rgb = (List<?>) b.js("const img = Array.from(document.querySelectorAll('img.leaflet-tile'))"
                    + ".find(i => i.src.endsWith(arguments[0]));"
                    + "const c = document.createElement('canvas'); c.width = 256; c.height = 256;"
                    + "const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                    + "return Array.from(g.getImageData(128, 128, 1, 1).data).slice(0, 3);", centre);
            Color expected = TestMbtiles.colour(2, x, y);
            assertThat(rgb.stream().map(v -> ((Number) v).intValue()).toList()).as("colour of " + centre)
                    .containsExactly(expected.getRed(), expected.getGreen(), expected.getBlue());
            @SuppressWarnings("unchecked")
            List<String> sources = (List<String>) b.js("return Array.from(document.querySelectorAll('img.leaflet-tile'))"
                    + ".map(i => new URL(i.src).pathname);");
            assertThat(sources).as("every tile from the hub's own basemap").isNotEmpty()
                    .allMatch(s -> s.matches("/basemap/[0-2]/[0-3]/[0-3]\\.png"));
            assertThat(b.js("const s = document.getElementById('basemap-select');"
                    + "return s.value + ':' + s.options[s.selectedIndex].text;")).isEqualTo("0:街道离线底图");
            assertThat(b.text(".leaflet-control-attribution")).contains(ATTRIBUTION);
            assertThat(b.js("const r = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();"
                    + "const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                    + "return top !== null && top.closest('.leaflet-control-attribution') !== null;"))
                    .as("the attribution is on top, not under the bottom sheet").isEqualTo(true);
            assertThat(b.findAll(".leaflet-control-attribution b")).as("the attribution's markup is text").isEmpty();
            b.screenshot("basemap-phone");
        }
    }
}
