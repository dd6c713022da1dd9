package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.demo.DemoSubdistrict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page with the whole demo subdistrict loaded (12 communities, ~3,000 buildings, ~1,500
 * facilities, ~3,000 devices) is ready within 2 s of navigation in headless Chromium, and the
 * nearest facilities of a tapped point are listed within 2 s of the tap.
 */
class DemoScaleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static HubFixture hub;

    @BeforeAll
    static void start() throws Exception {
        hub = UiHub.start();
        StringWriter geojson = new StringWriter();
        DemoSubdistrict.generate(20261122L, 1).writeGeoJson(geojson);
        var report = GeoImports.service(hub.dataSource())
                .importGeoJson(new ByteArrayInputStream(geojson.toString().getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.loadedCount()).isGreaterThan(7000);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theDemoSubdistrictIsInteractiveWithinTwoSeconds() {
        try (Browser b = Browser.desktop(1280, 800)) {
            long readyMs = b.open(hub.baseUrl() + "/", WAIT);
            System.out.println("DemoScaleBrowserIT: ready " + readyMs + " ms after navigation");
            assertThat(readyMs).as("ms from navigation to body[data-ready=true]").isLessThanOrEqualTo(2000);

            b.click(WAIT, "#near-point-button");
            long tapped = System.nanoTime();
            b.tapMap(114.06, 22.54);
            b.waitFor(WAIT, "nearest facilities listed", d -> !b.findAll("#facility-list [data-facility-code]").isEmpty());
            long listMs = (System.nanoTime() - tapped) / 1_000_000;
            System.out.println("DemoScaleBrowserIT: nearest facilities listed " + listMs + " ms after the tap");
            assertThat(listMs).isLessThanOrEqualTo(2000);
            b.screenshot("demo-subdistrict-desktop");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }
}
