package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.assertj.core.data.Offset;
import org.communityhub.geo.crs.LonLat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * What a resident sees first on a phone (390×844, issue 20) with the two-community fixture: names
 * and facility icons on the map at the start view without a click and without overlapping, a legend,
 * "you are here" where the (emulated) device stands, touch targets of at least 44 px; staff tabs only
 * after signing in through "工作人员登录"; and "到这里去" links whose coordinates (destination, and the
 * phone's position as origin) are within 0.5 m of geo-service's converters for AMap and Tencent
 * (GCJ-02) and Baidu (BD-09), from a map icon's card and from a search result's, names URL-encoded.
 */
class ResidentFirstSightBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    /** Where the emulated phone stands: between the two buildings of 测试甲社区. */
    private static final LonLat STANDING = new LonLat(114.0522, 22.5418);
    private static final List<String> STAFF_TABS = List.of("#view-cases", "#view-console", "#view-installer", "#view-overview");
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();

    @BeforeAll
    static void logins() throws Exception {
        hub.login("guard-fs", Role.SECURITY, "ita");
    }

    @Test
    void namesIconsLegendAndYouAreHereAtTheStartView() {
        try (Browser b = Browser.phone(390, 844)) {
            b.standAt(hub.baseUrl(), STANDING.lon(), STANDING.lat());
            b.open(hub.baseUrl() + "/", WAIT);
            b.waitFor(WAIT, "both communities' names on the map", d -> shownTexts(b, ".map-label[data-level=community]")
                    .containsAll(List.of("测试甲社区", "测试乙社区")));
            b.waitFor(WAIT, "facility icons of both communities on the map", d -> shownIcon(b, "ita-") != null
                    && shownIcon(b, "itb-") != null);
            assertNoOverlap(b);
            assertThat((Boolean) b.js("return window.hubTest.firstSightMs() > 0;")).as("first sight recorded").isTrue();

            WebElement here = b.waitVisible(WAIT, "[data-testid=you-are-here]");
            Map<?, ?> p = (Map<?, ?>) b.js("return window.hubTest.containerPoint(arguments[0], arguments[1]);",
                    STANDING.lon(), STANDING.lat());
            Map<?, ?> centre = (Map<?, ?>) b.js("const r = arguments[0].getBoundingClientRect(),"
                    + " m = document.getElementById('map').getBoundingClientRect();"
                    + " return {x: r.left + r.width / 2 - m.left, y: r.top + r.height / 2 - m.top};", here);
            assertThat(((Number) centre.get("x")).doubleValue()).isCloseTo(((Number) p.get("x")).doubleValue(),
                    Offset.offset(2.0));
            assertThat(((Number) centre.get("y")).doubleValue()).isCloseTo(((Number) p.get("y")).doubleValue(),
                    Offset.offset(2.0));

            for (String css : List.of("#near-me-button", "#near-point-button", "#staff-login", "#panel-toggle", "#legend-toggle",
                    "#locate-button", ".leaflet-control-zoom-in", "#category-chips .chip", "#lang-toggle")) {
                Dimension size = b.find(css).getSize();
                assertThat(Math.min(size.getWidth(), size.getHeight())).as("touch target %s (px)", css)
                        .isGreaterThanOrEqualTo(44);
            }
            b.find("#legend-toggle").click();
            b.waitVisible(WAIT, "[data-testid=legend] li[data-category=aed]");
            assertThat(b.findAll("[data-testid=legend] li[data-category]")).as("every category in the legend").hasSize(12);
            assertThat(b.findAll("[data-testid=legend] li[data-level]")).as("community, compound, building").hasSize(3);
            ResidentMapBrowserIT.assertNoOverflow(b);
            ResidentMapBrowserIT.assertNoInjectedImage(b);
            b.screenshot("fixture-first-sight-phone");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    @Test
    void staffTabsAppearOnlyAfterSigningIn() {
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/", WAIT);
            assertThat(b.find("#view-residents").isDisplayed()).isTrue();
            assertThat(b.find("#view-report").isDisplayed()).isTrue();
            assertStaffTabs(b, false);
            assertThat(b.find("#staff-login").getText()).isEqualTo("工作人员登录");
            b.find("#staff-login").click();
            b.waitVisible(WAIT, "#login-form");
            assertStaffTabs(b, false);
            b.find("#login-username").sendKeys("guard-fs");
            b.find("#login-password").sendKeys(HubFixture.PASSWORD);
            b.find("#login-submit").click();
            b.waitVisible(WAIT, "#panel-console");
            assertStaffTabs(b, true);
            assertThat(b.find("#staff-login").isDisplayed()).as("the entry once signed in").isFalse();
            assertThat(b.find("#view-console").getAttribute("aria-selected")).isEqualTo("true");

            b.find("#view-residents").click();
            b.click(WAIT, "#logout-button");
            b.waitFor(WAIT, "the staff tabs hidden after signing out",
                    d -> STAFF_TABS.stream().noneMatch(css -> b.find(css).isDisplayed()));
            assertThat(b.find("#staff-login").isDisplayed()).isTrue();
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    @Test
    void directionsLinksCarryEachProvidersDatum() throws Exception {
        LonLat kindergarten = position("ita-kg-1");
        try (Browser b = Browser.phone(390, 844)) {
            b.standAt(hub.baseUrl(), STANDING.lon(), STANDING.lat());
            b.open(hub.baseUrl() + "/", WAIT);
            b.waitVisible(WAIT, "[data-testid=you-are-here]");
            // a tap on a facility's map icon opens its card in a popup
            String code = b.waitFor(WAIT, "an icon of 测试乙社区", d -> shownIcon(b, "itb-"))
                    .getAttribute("data-facility-code");
            b.click(WAIT, ".fac-icon[data-facility-code=" + code + "]");
            b.waitVisible(WAIT, ".leaflet-popup [data-testid=directions] a[data-provider=tencent]");
            checkLinks(b, ".leaflet-popup", position(code),
                    (String) hub.column("SELECT name FROM facility WHERE code = '" + code + "'").get(0));
            b.screenshot("fixture-directions-phone");
            b.js("document.querySelector('.leaflet-popup-close-button').click();");

            // the same links on the card of a search result (the map icons let the point's tap through)
            b.click(WAIT, "#near-point-button");
            b.tapMap(114.0544, 22.5439);
            b.waitFor(WAIT, "the kindergarten listed", d -> !b.findAll("#facility-list [data-facility-code=ita-kg-1]").isEmpty());
            b.js("arguments[0].scrollIntoView({block: 'center'});", b.find("#facility-list [data-facility-code=ita-kg-1]"));
            b.find("#facility-list [data-facility-code=ita-kg-1]").click();
            b.waitVisible(WAIT, "#facility-details [data-testid=directions] a[data-provider=amap]");
            checkLinks(b, "#facility-details", kindergarten, XSS_NAME);
            ResidentMapBrowserIT.assertNoInjectedImage(b);
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /** Each provider's link in {@code scope}: destination and origin within 0.5 m of the converters, the name decoded. */
    private static void checkLinks(Browser b, String scope, LonLat wgs84, String name) {
        for (String provider : List.of("amap", "baidu", "tencent")) {
            WebElement link = b.find(scope + " [data-testid=directions] a[data-provider=" + provider + "]");
            String href = link.getAttribute("href");
            assertThat(link.getAttribute("target")).isEqualTo("_blank");
            assertThat(link.getAttribute("rel")).contains("noopener");
            assertThat(href).as("the name is URL-encoded").doesNotContain("<", ">", " ");
            DirectionLinks.Target target = DirectionLinks.parse(provider, href);
            assertThat(target.name()).as("%s destination name", provider).isEqualTo(name);
            assertThat(DirectionLinks.metresOff(provider, target.to(), wgs84)).as("%s destination off by (m)", provider)
                    .isLessThan(0.5);
            assertThat(target.from()).as("%s origin: where the phone stands", provider).isNotNull();
            assertThat(DirectionLinks.metresOff(provider, target.from(), STANDING)).as("%s origin off by (m)", provider)
                    .isLessThan(0.5);
            assertThat(DirectionLinks.metres(target.to(), wgs84)).as("%s: not WGS-84 as it is", provider).isGreaterThan(100);
        }
    }

    private static LonLat position(String code) throws Exception {
        String where = " FROM facility WHERE code = '" + code + "'";
        return new LonLat(((Number) hub.column("SELECT ST_X(geom)" + where).get(0)).doubleValue(),
                ((Number) hub.column("SELECT ST_Y(geom)" + where).get(0)).doubleValue());
    }

    /** A facility icon shown on the map whose code starts with {@code prefix}, or null. */
    private static WebElement shownIcon(Browser b, String prefix) {
        return b.findAll(".fac-icon[data-facility-code^='" + prefix + "']").stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null);
    }

    private static void assertStaffTabs(Browser b, boolean shown) {
        for (String css : STAFF_TABS) {
            assertThat(b.find(css).isDisplayed()).as("%s shown", css).isEqualTo(shown);
        }
    }

    private static List<String> shownTexts(Browser b, String css) {
        return b.findAll(css).stream().filter(WebElement::isDisplayed).map(e -> e.getText().replace("\n", "")).toList();
    }

    /** No two names or icons on the map overlap. */
    static void assertNoOverlap(Browser b) {
        Object overlaps = b.js("""
                const boxes = [...document.querySelectorAll('.hub-labels-pane .map-label, .hub-labels-pane .fac-dot')]
                  .map(e => [e, e.getBoundingClientRect()]);
                const out = [];
                for (let i = 0; i < boxes.length; i++) {
                  for (let j = i + 1; j < boxes.length; j++) {
                    const a = boxes[i][1], c = boxes[j][1];
                    if (a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom) {
                      out.push(boxes[i][0].textContent + ' / ' + boxes[j][0].textContent);
                    }
                  }
                }
                return out;""");
        assertThat((List<?>) overlaps).as("overlapping names or icons").isEmpty();
    }
}
