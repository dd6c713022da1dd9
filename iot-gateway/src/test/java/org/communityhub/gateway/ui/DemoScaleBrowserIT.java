package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.demo.DemoSubdistrict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page with the whole demo subdistrict and nothing else loaded (12 communities, ~3,000 buildings,
 * ~1,500 facilities, ~3,000 devices), as {@code ./hub demo} shows it: it becomes ready, lists the
 * nearest facilities of a tapped point, a phone's first sight has names and facility icons (issue 20), and a
 * fire alarm from a demo button reaches a logged-in guard.
 * The README's screenshots are taken here (target/screenshots; copied to docs/screenshots), so they
 * show the demo data. How fast this happens is measured in {@code bench/}, not asserted here.
 */
class DemoScaleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_TILE_URL", UiHub.DEAD_TILES))
            .importing(DemoScaleBrowserIT::demoSubdistrict);

    private static String demoSubdistrict() throws Exception {
        StringWriter geojson = new StringWriter();
        DemoSubdistrict.generate(20261122L, 1).writeGeoJson(geojson);
        return geojson.toString();
    }

    @BeforeAll
    static void start() throws Exception {
        assertThat(hub.column("SELECT count(*) FROM building").get(0)).isEqualTo(3170L);
    }

    @Test
    void theDemoSubdistrictIsInteractive() {
        try (Browser b = Browser.desktop(1280, 800)) {
            long readyMs = b.open(hub.baseUrl() + "/", WAIT);
            System.out.println("DemoScaleBrowserIT: ready " + readyMs + " ms after navigation");
            b.click(WAIT, "#near-point-button");
            long tapped = System.nanoTime();
            b.tapMap(114.06, 22.54);
            b.waitFor(WAIT, "nearest facilities listed", d -> !b.findAll("#facility-list [data-facility-code]").isEmpty());
            System.out.println("DemoScaleBrowserIT: nearest facilities listed " + (System.nanoTime() - tapped) / 1_000_000
                    + " ms after the tap");
            b.screenshot("residents-desktop");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /**
     * Issue 20 on a phone (390×844): at the start view the communities' names and facility icons are on
     * the map without a click and without overlap, staff tabs are not; a community shows its compounds'
     * names, a compound its buildings' names.
     */
    @Test
    void theResidentsFirstSightOnAPhone() {
        try (Browser phone = Browser.phone(390, 844)) {
            long readyMs = phone.open(hub.baseUrl() + "/", WAIT);
            phone.waitFor(WAIT, "community names and facility icons above the sheet at the start view",
                    d -> shownAboveSheet(phone, ".map-label[data-level=community]") >= 6
                            && shownAboveSheet(phone, ".fac-icon") >= 3);
            System.out.println("DemoScaleBrowserIT: phone ready " + readyMs + " ms, names and icons shown "
                    + phone.js("return window.hubTest.firstSightMs();") + " ms after navigation");
            ResidentFirstSightBrowserIT.assertNoOverlap(phone);
            assertFirstLoadAsksOnlyForTheStartView(phone);
            assertThat(phone.find("#view-console").isDisplayed()).as("staff tabs before signing in").isFalse();
            assertThat(phone.find("#staff-login").isDisplayed()).isTrue();
            phone.screenshot("residents-phone");

            phone.click(WAIT, "#area-list [data-level=community]");
            phone.waitFor(WAIT, "compound names in the community",
                    d -> shownAboveSheet(phone, ".map-label[data-level=compound]") >= 3);
            ResidentFirstSightBrowserIT.assertNoOverlap(phone);
            phone.screenshot("residents-phone-community");
            phone.click(WAIT, "#area-list [data-level=compound]");
            phone.waitFor(WAIT, () -> "building names in the compound (selected " + phone.text("[data-testid=selected-name]")
                    + ", view " + phone.js("return window.hubTest.view();") + ")",
                    d -> shownAboveSheet(phone, ".map-label[data-level=building]") >= 3);
            ResidentFirstSightBrowserIT.assertNoOverlap(phone);
            phone.screenshot("residents-phone-compound");
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    /**
     * A compound tapped in the list while the map still zooms onto its community (Leaflet drops an animated zoom
     * asked for during another: the map stayed on the community, and this class's phone test failed so about one
     * run in two): the map ends on the compound, where a calm tap on it ends. The tap is made in the page, in the
     * first frame that has both the compound's button and the community's zoom animation running.
     */
    @Test
    void aCompoundTappedWhileTheMapZoomsOntoItsCommunityIsShown() {
        try (Browser phone = Browser.phone(390, 844)) {
            phone.open(hub.baseUrl() + "/", WAIT);
            Object code = phone.jsAsync("""
                    const finish = arguments[arguments.length - 1];
                    const pane = document.querySelector('#map .leaflet-map-pane');
                    document.querySelector('#area-list [data-level=community]').click();
                    const until = performance.now() + 8000;
                    const step = () => {
                      const compound = document.querySelector('#area-list [data-level=compound]');
                      if (compound && pane.classList.contains('leaflet-zoom-anim')) {
                        compound.click();
                        finish(compound.dataset.code);
                      } else if (performance.now() > until) {
                        finish(null);
                      } else {
                        requestAnimationFrame(step);
                      }
                    };
                    step();
                    """);
            assertThat(code).as("a compound tapped during the community's zoom animation").isNotNull();
            List<Double> raced = phone.settledView(WAIT);
            phone.click(WAIT, "#area-up");
            phone.settledView(WAIT);
            phone.click(WAIT, "#area-list [data-level=compound][data-code='" + code + "']");
            List<Double> calm = phone.settledView(WAIT);
            assertThat(raced.get(2)).as("zoom after the tap during the animation").isEqualTo(calm.get(2));
            assertThat(raced.get(0)).as("centre's longitude").isCloseTo(calm.get(0), within(1e-6));
            assertThat(raced.get(1)).as("centre's latitude").isCloseTo(calm.get(1), within(1e-6));
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    /**
     * Issue 20, the first load: facilities only of the categories the start view shows (no hydrants, no
     * extinguishers, no parcel lockers), and the page itself compressed on the wire.
     */
    private static void assertFirstLoadAsksOnlyForTheStartView(Browser b) {
        double zoom = ((Number) b.js("return window.hubTest.view()[2];")).doubleValue();
        assertThat(zoom).as("the start view's zoom").isLessThan(13);
        List<?> asked = (List<?>) b.js("return performance.getEntriesByType('resource').map(r => r.name)"
                + ".filter(n => n.includes('/collections/facilities/items'));");
        assertThat(asked).as("facility requests at the start view").isNotEmpty().allSatisfy(u -> assertThat(
                URLDecoder.decode(String.valueOf(u), StandardCharsets.UTF_8)).contains("&category=")
                .doesNotContain("fire_hydrant").doesNotContain("extinguisher").doesNotContain("parcel_locker"));
        List<?> sizes = (List<?>) b.js("const n = performance.getEntriesByType('navigation')[0];"
                + " return [n.encodedBodySize, n.decodedBodySize];");
        assertThat(((Number) sizes.get(0)).longValue()).as("index.html arrived compressed (bytes on the wire)")
                .isLessThan(((Number) sizes.get(1)).longValue() / 2);
    }

    /** How many of {@code css} are shown on the map and not under the bottom sheet. */
    private static long shownAboveSheet(Browser b, String css) {
        return ((Number) b.js("""
                const sheet = document.getElementById('panel').getBoundingClientRect().top;
                const map = document.getElementById('map').getBoundingClientRect();
                return [...document.querySelectorAll(arguments[0])].filter(e => {
                  const r = e.getBoundingClientRect();
                  return r.width > 0 && r.top >= map.top && r.left >= map.left && r.right <= map.right && r.bottom <= sheet;
                }).length;""", css)).longValue();
    }

    @Test
    void aFireAlarmFromADemoButtonReachesTheGuardsConsole() throws Exception {
        List<Object> button = hub.column("SELECT d.code || ' ' || d.community_code FROM device d JOIN building b"
                + " ON b.code = d.building_code WHERE d.type = 'fire_button' ORDER BY d.code LIMIT 1");
        String[] codeAndCommunity = ((String) button.get(0)).split(" ");
        hub.login("guard-demo", Role.SECURITY, codeAndCommunity[1]);
        try (Browser desk = Browser.desktop(1280, 800); Browser phone = Browser.phone(360, 740)) {
            ConsoleUi.logIn(desk, hub.baseUrl(), "guard-demo", WAIT);
            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-demo", WAIT);
            hub.publish(codeAndCommunity[0], TestDevice.payload("fa-demo-1", "fire.alarm",
                    "{\"floor\":3,\"zone\":\"stairwell\"}"));
            for (Browser b : List.of(desk, phone)) {
                b.waitFor(WAIT, "the live fire alert", d -> !b.findAll(
                        "#alert-list [data-alert-id][data-severity=critical][data-status=open]").isEmpty());
                b.find("#alert-list [data-alert-id][data-severity=critical]").click();
                b.waitFor(WAIT, "the incident card with nearby facilities",
                        d -> !b.findAll("#incident-nearby [data-facility-code]").isEmpty());
            }
            desk.screenshot("console-desktop");
            phone.js("document.getElementById('panel-body').scrollTop = 0;");
            phone.screenshot("console-phone");
            assertThat(desk.consoleErrors()).isEmpty();
        }
    }
}
