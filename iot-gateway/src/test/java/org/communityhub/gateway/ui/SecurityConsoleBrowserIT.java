package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The security console in real Chromium (desktop and phone at once) against a real hub: a guard
 * logs in through the page's form, a fire.alarm published over real MQTT appears in both pages
 * without a reload, flashing, with its building drawn red; the incident card shows building,
 * floor and nearby hydrant / exit / AED / guard post; the guard acknowledges from the list (the
 * phone sees it live) and resolves it as a false alarm with a note, which the REST API confirms.
 */
class SecurityConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LIVE = Duration.ofSeconds(5);
    private static final String NOTE = "烤面包冒烟 <b>误报</b>";
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();
    private static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        hub.login("guard-a", Role.SECURITY, "ita");
        hub.login("guard-b", Role.SECURITY, "ita");
        adminToken = hub.login("admin-a", Role.ADMIN, null);
    }

    @Test
    void fireAlarmArrivesLiveAndIsAcknowledgedAndResolvedFromThePage() throws Exception {
        try (Browser desk = Browser.desktop(1280, 800); Browser phone = Browser.phone(360, 740)) {
            logIn(desk, "guard-a");
            logIn(phone, "guard-b");
            assertThat(desk.findAll("#alert-list [data-alert-id]")).as("no alerts before the alarm").isEmpty();
            desk.js("window.__sameDocument = true;");
            phone.js("window.__sameDocument = true;");

            publishFireAlarm();
            String id = awaitLiveRow(desk).getAttribute("data-alert-id");
            awaitLiveRow(phone);
            assertThat(desk.js("return window.__sameDocument === true;")).as("no reload").isEqualTo(true);
            WebElement row = row(desk, id);
            assertThat(row.getAttribute("data-severity")).isEqualTo("critical");
            assertThat(row.getAttribute("class")).contains("flashing");
            assertThat(row.getText()).contains("景田花园 › 1栋");
            assertThat(desk.find("#alarm-banner").isDisplayed()).isTrue();
            desk.waitFor(WAIT, "ita-b1 among the alerting buildings", d -> alerting(desk).equals(List.of("ita-b1")));

            row.click();
            desk.waitFor(WAIT, "the incident card with nearby facilities", d -> id.equals(
                    desk.find("#incident-card").getAttribute("data-alert-id"))
                    && desk.findAll("#incident-nearby [data-facility-code]").size() >= 4);
            String summary = desk.text("#incident-summary");
            assertThat(summary).contains("1栋").contains("2 层 / 18").contains("景田花园").contains("测试甲社区")
                    .contains("ita-fb-1");
            assertThat(desk.findAll("#incident-nearby [data-facility-code]"))
                    .extracting(e -> e.getAttribute("data-facility-code"))
                    .contains("ita-hydrant-1", "ita-exit-1", "ita-aed-1", "ita-guard-1");
            String toAlarm = desk.waitVisible(WAIT, "#incident-summary [data-testid=directions] a[data-provider=amap]")
                    .getAttribute("href");
            assertThat(DirectionLinks.parse("amap", toAlarm).name()).as("到这里去: the alarm's building").isEqualTo("1栋");
            desk.waitFor(WAIT, "building 1栋 drawn red", d -> isRed(desk.canvasPixel(114.0519, 22.5419)));
            desk.waitFor(WAIT, "the alarm's event in the incident card",
                    d -> !desk.findAll("#incident-events [data-event-id=fa-ui-1]").isEmpty());
            desk.screenshot("fixture-console-desktop");
            phone.find("#alert-list [data-alert-id='" + id + "']").click();
            phone.waitFor(WAIT, "the incident card on the phone",
                    d -> phone.findAll("#incident-nearby [data-facility-code]").size() >= 4);
            phone.js("document.getElementById('panel-body').scrollTop = 0;");
            ResidentMapBrowserIT.assertNoOverflow(phone);
            phone.screenshot("fixture-console-phone");

            row(desk, id).findElement(By.cssSelector("[data-testid=alert-ack]")).click();
            desk.waitFor(WAIT, "the alert acknowledged", d -> "acknowledged".equals(row(desk, id).getAttribute("data-status")));
            phone.waitFor(LIVE, "the phone to see the acknowledgement live",
                    d -> "acknowledged".equals(row(phone, id).getAttribute("data-status")));
            assertThat(row(desk, id).getAttribute("class")).doesNotContain("flashing");
            assertThat(desk.find("#alarm-banner").isDisplayed()).as("banner stops once acknowledged").isFalse();

            phone.find("#view-overview").click();
            phone.waitFor(WAIT, "the overview card from /api/v1/overview", d -> phone.findAll(
                    "#overview-list [data-testid=overview-card][data-community=ita]").size() == 1);
            assertThat(phone.findAll("[data-testid=overview-note]")).as("no fallback note: the hub has the endpoint")
                    .isEmpty();
            assertThat(phone.findAll("#overview-list canvas.chart")).as("the events-per-hour chart").hasSize(1);
            assertThat(phone.text("[data-community=ita] .sev[data-severity=critical]"))
                    .as("acknowledged but not resolved: still an active incident").endsWith(" 1");
            assertThat(phone.text("[data-community=ita]")).as("devices online of ita's 4").contains(" / 4");
            assertThat(phone.findAll("[data-testid=overview-card]")).as("only the guard's community").hasSize(1);

            resolveAsFalseAlarm(desk, id);
            phone.find("#view-console").click();
            phone.waitFor(LIVE, "the phone's list to drop the resolved alert",
                    d -> phone.findAll("#alert-list [data-alert-id]").isEmpty());
            assertThat(desk.consoleErrors()).isEmpty();
            assertThat(phone.consoleErrors()).isEmpty();
        }
        HttpResponse<String> stored = hub.get("/api/v1/alerts?status=resolved", adminToken);
        JsonObject alert = new JsonObject(stored.body()).getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("status")).isEqualTo("resolved");
        assertThat(alert.getString("outcome")).isEqualTo("false_alarm");
        assertThat(alert.getString("note")).isEqualTo(NOTE);
        assertThat(alert.getString("acknowledged_by")).isEqualTo("guard-a");
        assertThat(alert.getString("resolved_by")).isEqualTo("guard-a");
    }

    private static void resolveAsFalseAlarm(Browser desk, String id) {
        row(desk, id).findElement(By.cssSelector("[data-testid=alert-resolve]")).click();
        desk.waitVisible(WAIT, "#resolve-form");
        desk.find("#resolve-form input[name=outcome][value=false_alarm]").click();
        desk.find("#resolve-submit").click();
        assertThat(desk.waitVisible(WAIT, "#resolve-error").getText()).as("a false alarm needs a cause")
                .isEqualTo("误报必须填写原因");
        desk.find("#resolve-note").sendKeys(NOTE);
        desk.find("#resolve-submit").click();
        desk.waitFor(WAIT, "the alert to leave the list", d -> desk.findAll("#alert-list [data-alert-id]").isEmpty());
        assertThat(desk.text("[data-testid=incident-status]")).isEqualTo("已解决");
        assertThat(desk.find("#resolve-form").isDisplayed()).isFalse();
        desk.waitFor(WAIT, "no alerting buildings, 1栋 no longer red", d -> alerting(desk).isEmpty()
                && !isRed(desk.canvasPixel(114.0519, 22.5419)));
        ResidentMapBrowserIT.assertNoInjectedImage(desk);
    }

    private static void logIn(Browser b, String username) {
        ConsoleUi.logIn(b, hub.baseUrl(), username, WAIT);
        assertThat(b.text("[data-testid=user-name]")).contains("security");
    }

    private static void publishFireAlarm() throws Exception {
        hub.publish("ita-fb-1", TestDevice.payload("fa-ui-1", "fire.alarm", "{\"floor\":2,\"zone\":\"stairwell\"}"));
    }

    private static WebElement awaitLiveRow(Browser b) {
        return b.waitFor(LIVE, "a live critical fire alert in #alert-list", d -> b.findAll(
                "#alert-list [data-alert-id][data-severity=critical][data-status=open]").stream().findFirst().orElse(null));
    }

    private static WebElement row(Browser b, String id) {
        return b.find("#alert-list [data-alert-id='" + id + "']");
    }

    private static List<?> alerting(Browser b) {
        return (List<?>) b.js("return window.hubTest.alertingBuildings();");
    }

    private static boolean isRed(List<Long> rgba) {
        return rgba.get(3) > 60 && rgba.get(0) > rgba.get(1) + 60 && rgba.get(0) > rgba.get(2) + 60;
    }
}
