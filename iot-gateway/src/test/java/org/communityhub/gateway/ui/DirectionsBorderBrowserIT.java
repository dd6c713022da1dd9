package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.geo.crs.LonLat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * "到这里去" on both sides of the Hong Kong and Macau land borders, on a phone (390×844): the links are shifted to
 * GCJ-02 / BD-09 exactly where the hub's converters shift (geo-service's {@code DatumConverter} and its mainland
 * outline, through {@code GET /api/v1/datum}), not where a rough box around China would. The two-community fixture
 * plus four facilities about 200 m apart in pairs across the borders (the pairs of {@code HongKongMacauBorderTest}):
 * Futian Port in Shenzhen and Lok Ma Chau in Hong Kong, Gongbei in Zhuhai and the Portas do Cerco in Macau. Each
 * link's destination (and origin, when the phone's position is known) is within 0.5 m of the converters; the
 * mainland ones are hundreds of metres from WGS-84, the Hong Kong and Macau ones are WGS-84 as they are. Without a
 * known position the links have no origin; the Baidu one is checked parameter by parameter.
 */
class DirectionsBorderBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<Place> PLACES = List.of(
            new Place("bd-futian", "福田口岸服务站", new LonLat(114.06562, 22.51777), true),
            new Place("bd-lmc", "落马洲站服务点", new LonLat(114.06603, 22.51602), false),
            new Place("bd-gongbei", "拱北口岸服务站", new LonLat(113.54775, 22.21752), true),
            new Place("bd-macau", "关闸广场服务点", new LonLat(113.54823, 22.21578), false));
    /** Where the phone stands in one test: Lo Wu, Hong Kong, about 100 m south of the Shenzhen River. */
    private static final LonLat LO_WU = new LonLat(114.11512, 22.52988);

    @RegisterExtension
    static final HubExtension hub = UiHub.extension().importing(DirectionsBorderBrowserIT::fixtureWithBorderPlaces);

    /** A facility of the test: code, name, WGS-84 position, and whether it is in mainland China. */
    private record Place(String code, String name, LonLat wgs84, boolean mainland) {
    }

    @Test
    void withoutAKnownPositionTheLinksHaveNoOriginAndShiftOnlyOnTheMainland() {
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/", WAIT);
            for (Place place : PLACES) {
                openCard(b, place);
                for (String provider : List.of("amap", "baidu", "tencent")) {
                    DirectionLinks.Target target = checkDestination(b, place, provider);
                    assertThat(target.from()).as("%s %s: no origin without a position", place.code(), provider).isNull();
                }
                checkBaiduWithoutOrigin(b, place);
                if ("bd-futian".equals(place.code())) {
                    b.screenshot("fixture-directions-border-phone");
                }
            }
            assertThat(b.findAll("[data-testid=you-are-here]")).as("no position was granted").isEmpty();
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    @Test
    void standingInHongKongTheOriginStaysUnshiftedWhateverTheDestination() {
        try (Browser b = Browser.phone(390, 844)) {
            b.standAt(hub.baseUrl(), LO_WU.lon(), LO_WU.lat());
            b.open(hub.baseUrl() + "/", WAIT);
            // the dot is drawn at Lo Wu, outside the fixture's view: present, not on screen
            b.waitFor(WAIT, "the phone's position taken", d -> !b.findAll("[data-testid=you-are-here]").isEmpty());
            for (Place place : List.of(PLACES.get(0), PLACES.get(3))) {
                openCard(b, place);
                for (String provider : List.of("amap", "baidu", "tencent")) {
                    DirectionLinks.Target target = checkDestination(b, place, provider);
                    assertThat(target.from()).as("%s %s origin", place.code(), provider).isNotNull();
                    assertThat(DirectionLinks.metresOff(provider, target.from(), LO_WU))
                            .as("%s %s origin off by (m)", place.code(), provider).isLessThan(0.5);
                    assertThat(DirectionLinks.metres(target.from(), LO_WU))
                            .as("%s %s: Lo Wu is in Hong Kong, WGS-84 as it is", place.code(), provider).isLessThan(0.5);
                }
            }
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /** Finds the place by name and opens its card in the panel; waits until its directions links are made. */
    private static void openCard(Browser b, Place place) {
        WebElement input = b.find("#search-input");
        input.clear();
        input.sendKeys(place.name());
        b.click(WAIT, "#search-results [data-facility-code=" + place.code() + "]");
        b.waitFor(WAIT, "the card of " + place.code() + " with its directions links",
                d -> b.text("#facility-details .card-title").equals(place.name())
                        && !b.findAll("#facility-details [data-testid=directions][data-state=ready]").isEmpty());
    }

    /** One provider's link on the card: its destination within 0.5 m of the converters, shifted only on the mainland. */
    private static DirectionLinks.Target checkDestination(Browser b, Place place, String provider) {
        String href = b.find("#facility-details [data-testid=directions] a[data-provider=" + provider + "]").getAttribute("href");
        DirectionLinks.Target target = DirectionLinks.parse(provider, href);
        assertThat(target.name()).as("%s %s destination name", place.code(), provider).isEqualTo(place.name());
        assertThat(DirectionLinks.metresOff(provider, target.to(), place.wgs84()))
                .as("%s %s destination off the converters by (m)", place.code(), provider).isLessThan(0.5);
        double fromWgs84 = DirectionLinks.metres(target.to(), place.wgs84());
        if (place.mainland()) {
            assertThat(fromWgs84).as("%s %s: mainland, shifted (m)", place.code(), provider).isGreaterThan(100);
        } else {
            assertThat(fromWgs84).as("%s %s: Hong Kong / Macau, WGS-84 as it is (m)", place.code(), provider)
                    .isLessThan(0.5);
        }
        return target;
    }

    /** The Baidu link without an origin: host, path and exactly the parameters of the web scheme's walking route. */
    private static void checkBaiduWithoutOrigin(Browser b, Place place) {
        String href = b.find("#facility-details [data-testid=directions] a[data-provider=baidu]").getAttribute("href");
        URI uri = URI.create(href.replace("|", "%7C"));
        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath()).isEqualTo("https://api.map.baidu.com/direction");
        assertThat(Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.substring(0, p.indexOf('='))).toList())
                .as("%s: the Baidu link's parameters", place.code())
                .containsExactly("destination", "mode", "coord_type", "output", "src");
        assertThat(href).contains("&mode=walking&coord_type=bd09ll&output=html&src=webapp.communityhub.map")
                .doesNotContain("origin");
        DirectionLinks.Target target = DirectionLinks.parse("baidu", href);
        assertThat(DirectionLinks.metresOff("baidu", target.to(), place.wgs84())).as("%s Baidu (m)", place.code())
                .isLessThan(0.5);
    }

    /** The two-community fixture with the four border places added as facilities. */
    private static String fixtureWithBorderPlaces() throws Exception {
        JsonObject fixture;
        try (InputStream in = DirectionsBorderBrowserIT.class.getResourceAsStream("/fixtures/two-communities.geojson")) {
            fixture = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonArray features = fixture.getJsonArray("features");
        for (Place place : PLACES) {
            features.add(new JsonObject().put("type", "Feature")
                    .put("properties", new JsonObject().put("layer", "facility").put("code", place.code())
                            .put("name", place.name()).put("category", "service_station"))
                    .put("geometry", new JsonObject().put("type", "Point")
                            .put("coordinates", new JsonArray().add(place.wgs84().lon()).add(place.wgs84().lat()))));
        }
        return fixture.encode();
    }
}
