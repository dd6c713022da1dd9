package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20 in a real Chromium: a resident's phone runs the build's bundle (hub-ui/dist), never the source modules,
 * and does not fetch the staff views; the API answers the first sight needs, preloaded by index.html, are each asked
 * once (the preload is used, not fetched twice); signing in fetches the staff views' chunk, once, and the console works.
 * The start view's facility icons are asked for by the early start (js/firstview.js, before Leaflet runs) for a box
 * covering the view Leaflet then fits, on a phone and on a desktop: one request, taken over by the app; when the early
 * start's file does not load, the app asks for them itself, once.
 */
class PageBundleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"preload\" href=\"([^\"]+)\" as=\"fetch\"");
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();

    @BeforeAll
    static void logins() throws Exception {
        hub.login("guard-pb", Role.SECURITY, "ita");
    }

    @Test
    void aResidentGetsTheBundleWithoutTheStaffViewsAndStaffGetThemAfterSigningIn() throws Exception {
        String page = hub.http().send(HttpRequest.newBuilder(hub.uri("/")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = PRELOAD.matcher(page);
        List<String> preloaded = m.results().map(r -> r.group(1)).toList();
        assertThat(preloaded).as("index.html preloads the first sight's API answers")
                .contains("/api/v1/ui-config", "/api/v1/hierarchy");

        try (Browser phone = Browser.phone(390, 844)) {
            phone.open(hub.baseUrl() + "/", WAIT);
            List<String> paths = paths(phone);
            assertThat(paths).as("the page's own scripts and styles come from the build")
                    .anyMatch(p -> p.matches("/dist/app-[A-Z0-9]{8}\\.js"))
                    .anyMatch(p -> p.matches("/dist/page-[A-Z0-9]{8}\\.css"))
                    .noneMatch(p -> p.startsWith("/js/") || p.startsWith("/css/"));
            assertThat(paths).as("a resident does not fetch the staff views").noneMatch(p -> p.contains("staffviews"));
            for (String url : preloaded) {
                assertThat(paths.stream().filter(url::equals)).as(url + " asked once: the preload was used").hasSize(1);
            }
            assertThat(phone.find("#view-console").isDisplayed()).as("staff tabs hidden before signing in").isFalse();

            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-pb", WAIT);
            assertThat(paths(phone).stream().filter(p -> p.matches("/dist/staffviews-[A-Z0-9]{8}\\.js")))
                    .as("the staff views' chunk, fetched once on signing in").hasSize(1);
            phone.waitVisible(WAIT, "#alert-list");
            assertThat(phone.find("#view-console").isDisplayed()).isTrue();
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theStartViewsFacilityIconsAreAskedForOnceByTheEarlyStart() {
        for (boolean phone : new boolean[] {true, false}) {
            String what = phone ? "phone 390×844" : "desktop 1280×800";
            try (Browser b = phone ? Browser.phone(390, 844) : Browser.desktop(1280, 800)) {
                b.open(hub.baseUrl() + "/", WAIT);
                b.waitFor(WAIT, "facility icons on the map (" + what + ")", d -> !b.findAll(".fac-icon").isEmpty());
                Map<?, ?> early = (Map<?, ?>) b.js("return window.hubTest.earlyIcons();");
                assertThat(early).as("the early start asked for the start view's facilities (%s)", what).isNotNull();
                List<String> asked = paths(b).stream().filter(p -> p.startsWith("/collections/facilities/items?")).toList();
                assertThat(asked).as("the start view's facilities asked once, by the early start (%s)", what)
                        .containsExactly(String.valueOf(early.get("path")));
                List<?> view = (List<?>) b.js("return window.hubTest.view();");
                assertThat(((Number) early.get("zoom")).doubleValue())
                        .as("the early start asked for the categories of the map's zoom or more (%s)", what)
                        .isGreaterThanOrEqualTo(((Number) view.get(2)).doubleValue());
                List<?> box = (List<?>) early.get("box");
                List<?> seen = (List<?>) b.js("return window.hubTest.bounds();");
                for (int i = 0; i < 4; i++) {
                    double asked0 = ((Number) box.get(i)).doubleValue();
                    double shown = ((Number) seen.get(i)).doubleValue();
                    assertThat(i < 2 ? asked0 <= shown : asked0 >= shown)
                            .as("the box asked for %s covers the map's view %s (%s)", box, seen, what).isTrue();
                }
                assertThat(b.consoleErrors()).isEmpty();
            }
        }
    }

    @Test
    void withTheEarlyStartsFileBlockedTheAppAsksForTheStartViewsFacilitiesItself() {
        try (Browser b = Browser.phone(390, 844)) {
            b.block("*/dist/firstview-*");
            b.open(hub.baseUrl() + "/", WAIT);
            b.waitFor(WAIT, "facility icons on the map", d -> !b.findAll(".fac-icon").isEmpty());
            assertThat(b.js("return window.hubTest.earlyIcons();")).as("no early start took place").isNull();
            assertThat(paths(b).stream().filter(p -> p.startsWith("/collections/facilities/items?")))
                    .as("the start view's facilities asked for once, by the app").hasSize(1);
            assertThat(paths(b).stream().filter("/api/v1/ui-config"::equals))
                    .as("the preloaded ui-config answer used by the app").hasSize(1);
        }
    }

    /** Same-origin paths (with the query) of every resource the page fetched so far. */
    private static List<String> paths(Browser b) {
        return ((List<?>) b.js("return performance.getEntriesByType('resource').map(r => new URL(r.name))"
                + ".filter(u => u.origin === location.origin).map(u => u.pathname + u.search);"))
                .stream().map(String::valueOf).toList();
    }
}
