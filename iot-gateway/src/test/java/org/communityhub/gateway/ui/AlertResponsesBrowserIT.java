package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17's assign, comments and {@code fire.reset} on the incident card, on phone-sized pages in real Chromium: the
 * duty admin assigns a live alert to a guard (CONTRACT §6: assigning is the admin's; a guard only takes) and both
 * pages show the assignee without a reload; a comment with HTML in it is added by a guard and shown as text, with its
 * author and Beijing time, and a colleague's comment arrives on the open card from the stream, newest last; a
 * {@code fire.reset} from the button appears on the open card and the list entry as "按钮已复位 HH:MM"; a guard turns
 * an alert into a case from the card (issue 16), asked twice it stays one case, and the admin opens it from there.
 */
class AlertResponsesBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();
    private static String adminToken;
    private static String colleagueToken;

    @BeforeAll
    static void start() throws Exception {
        hub.login("guard-r", Role.SECURITY, "ita");
        colleagueToken = hub.login("guard-s", Role.SECURITY, "ita");
        hub.login("guard-other", Role.SECURITY, "itb");
        adminToken = hub.login("admin-r", Role.ADMIN, null);
    }

    @Test
    void theDutyAdminAssignsAnAlertToAGuardAndBothSeeTheAssignee() throws Exception {
        try (Browser admin = Browser.phone(390, 844); Browser guard = Browser.phone(360, 740)) {
            ConsoleUi.logIn(admin, hub.baseUrl(), "admin-r", WAIT);
            ConsoleUi.logIn(guard, hub.baseUrl(), "guard-s", WAIT);
            guard.js("window.__sameDocument = true;");
            hub.publish("ita-fb-2", TestDevice.payload("ar-assign-1", "fire.alarm", "{\"floor\":4}"));
            String id = awaitOpenAlert("ita-fb-2");

            guard.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            guard.waitVisible(WAIT, "#take-button");
            assertThat(guard.find("#assign-form").isDisplayed()).as("a guard takes; assigning is the admin's").isFalse();

            admin.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            admin.waitVisible(WAIT, "#assign-form");
            assertThat(admin.text("#assign-form label span")).isEqualTo("指派给同事");
            admin.waitFor(WAIT, "the people who can handle it", d -> options(admin).contains("guard-s"));
            assertThat(options(admin)).as("security of the alert's community, and admins")
                    .contains("guard-r", "admin-r").doesNotContain("guard-other");
            admin.find("#assign-submit").click();
            admin.waitVisible(WAIT, "#assign-error");
            assertThat(admin.text("#assign-error")).isEqualTo("请先选择处理人");

            new Select(admin.find("#assign-select")).selectByValue("guard-s");
            assertThat(admin.find("#assign-submit").getSize().getHeight()).as("a touch target").isGreaterThanOrEqualTo(44);
            admin.find("#assign-submit").click();
            admin.waitFor(WAIT, "the assignee on the admin's card", d -> admin.text("#incident-summary")
                    .contains("处理人") && admin.text("#incident-summary").contains("guard-s"));
            assertThat(admin.find("#assign-error").isDisplayed()).isFalse();
            guard.waitFor(WAIT, "the assignee on the guard's open card", d -> guard.text("#incident-summary")
                    .contains("guard-s"));
            guard.waitFor(WAIT, "the assignee on the guard's list entry", d -> guard.text("#alert-list [data-alert-id='"
                    + id + "'] [data-testid=alert-assignee]").equals("处理人：guard-s"));
            assertThat(guard.find("#take-button").isDisplayed()).as("nothing left to take").isFalse();
            assertThat(guard.js("return window.__sameDocument === true;")).as("no reload").isEqualTo(true);
            guard.screenshot("alert-assigned-phone");
            assertThat(admin.consoleErrors()).isEmpty();
            assertThat(guard.consoleErrors()).isEmpty();
        }
        assertThat(alert(awaitOpenAlert("ita-fb-2")).getString("assignee")).isEqualTo("guard-s");
    }

    @Test
    void aCommentWithHtmlIsShownAsTextAndAColleaguesCommentArrivesLive() throws Exception {
        String html = "<img src=x onerror=alert(1)><b>3楼</b> 有烟 & \"门\"";
        hub.publish("ita-gate-1", TestDevice.payload("ar-comment-1", "door.forced", "{}"));
        String id = awaitOpenAlert("ita-gate-1");
        try (Browser guard = Browser.phone(360, 740)) {
            ConsoleUi.logIn(guard, hub.baseUrl(), "guard-r", WAIT);
            guard.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            guard.waitVisible(WAIT, "#comment-form");
            assertThat(texts(guard, "#incident-comments")).containsExactly("暂无记录");
            assertThat(guard.text("#comments-box h3")).isEqualTo("处理记录");
            assertThat(guard.find("#comment-text").getAttribute("placeholder")).startsWith("例如");

            guard.find("#comment-submit").click();
            guard.waitVisible(WAIT, "#comment-error");
            assertThat(guard.text("#comment-error")).isEqualTo("请填写内容");

            guard.find("#comment-text").sendKeys(html);
            guard.find("#comment-submit").click();
            guard.waitFor(WAIT, "the comment on the card", d -> guard.findAll("#incident-comments .comment").size() == 1);
            assertThat(texts(guard, "#incident-comments .comment-text")).containsExactly(html);
            assertThat(texts(guard, "#incident-comments .comment-author")).containsExactly("guard-r");
            assertThat(guard.find("#comment-text").getAttribute("value")).isEmpty();
            assertThat(guard.find("#comment-error").isDisplayed()).isFalse();
            ResidentMapBrowserIT.assertNoInjectedImage(guard);
            assertThat(guard.findAll("#incident-comments b")).as("no markup from the comment").isEmpty();

            JsonArray stored = alert(id).getJsonArray("comments");
            assertThat(stored).hasSize(1);
            assertThat(stored.getJsonObject(0).getString("text")).isEqualTo(html);
            assertThat(texts(guard, "#incident-comments .comment time")).as("Beijing time of the stored comment")
                    .containsExactly(beijing(stored.getJsonObject(0).getString("at"), "MM-dd HH:mm"));

            guard.find("#comment-text").sendKeys("半写的字");
            HttpResponse<String> second = hub.post("/api/v1/alerts/" + id + "/comments", colleagueToken,
                    new JsonObject().put("text", "已到现场").encode());
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            guard.waitFor(WAIT, "the colleague's comment from the stream", d -> guard.findAll(
                    "#incident-comments .comment").size() == 2);
            assertThat(texts(guard, "#incident-comments .comment-author")).as("newest last")
                    .containsExactly("guard-r", "guard-s");
            assertThat(guard.find("#comment-text").getAttribute("value")).as("what is being typed is kept")
                    .isEqualTo("半写的字");
            guard.screenshot("alert-comments-phone");
            ResidentMapBrowserIT.assertNoOverflow(guard);
            assertThat(guard.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aFireResetFromTheButtonAppearsOnTheOpenCardWithoutReloading() throws Exception {
        try (Browser guard = Browser.phone(360, 740)) {
            ConsoleUi.logIn(guard, hub.baseUrl(), "guard-r", WAIT);
            guard.js("window.__sameDocument = true;");
            hub.publish("ita-fb-1", TestDevice.payload("ar-fire-1", "fire.alarm", "{\"floor\":2}"));
            String id = awaitOpenAlert("ita-fb-1");
            guard.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            guard.waitVisible(WAIT, "#confirm-fire-button");
            assertThat(guard.findAll("#incident-summary [data-testid=incident-reset]")).as("no reset yet").isEmpty();

            hub.publish("ita-fb-1", TestDevice.payload("ar-reset-1", "fire.reset", "{}"));
            String[] resetAt = {null};
            HubFixture.await(WAIT, "the reset stored", () -> (resetAt[0] = alert(id).getString("reset_at")) != null);
            String expected = "按钮已复位 " + beijing(resetAt[0], "HH:mm");
            guard.waitFor(WAIT, "the reset on the open card", d -> guard.findAll(
                    "#incident-summary [data-testid=incident-reset]").size() == 1);
            assertThat(texts(guard, "#incident-summary [data-testid=incident-reset]")).singleElement().asString()
                    .endsWith(expected);
            assertThat(texts(guard, "#alert-list [data-alert-id='" + id + "'] [data-testid=alert-reset]"))
                    .singleElement().asString().endsWith(expected);
            assertThat(texts(guard, "[data-testid=incident-status]")).as("a reset does not close the alert")
                    .containsExactly("未处理");
            assertThat(guard.js("return window.__sameDocument === true;")).as("no reload").isEqualTo(true);

            guard.find("#lang-toggle").click();
            guard.waitFor(WAIT, "the English note", d -> guard.text("#incident-summary [data-testid=incident-reset]")
                    .endsWith("button reset at " + beijing(resetAt[0], "HH:mm")));
            guard.screenshot("alert-reset-phone");
            assertThat(guard.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aGuardTurnsAnAlertIntoACaseOnceAndTheAdminOpensIt() throws Exception {
        hub.publish("ita-gate-1", TestDevice.payload("ar-case-1", "door.forced", "{}"));
        String id = awaitOpenAlert("ita-gate-1");
        try (Browser guard = Browser.phone(360, 740); Browser admin = Browser.phone(390, 844)) {
            ConsoleUi.logIn(guard, hub.baseUrl(), "guard-r", WAIT);
            guard.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            guard.waitVisible(WAIT, "#alert-case");
            assertThat(guard.text("#alert-case")).isEqualTo("转为工单");
            assertThat(guard.find("#alert-case").getSize().getHeight()).as("a touch target").isGreaterThanOrEqualTo(44);
            guard.find("#alert-case").click();
            guard.waitVisible(WAIT, "#alert-case-result");
            JsonArray cases = casesOf(id);
            assertThat(cases).as("one case, linked to the alert").hasSize(1);
            long caseId = cases.getJsonObject(0).getLong("id");
            String code = cases.getJsonObject(0).getString("tracking_code");
            assertThat(guard.text("#alert-case-result")).isEqualTo("已转为工单 #" + caseId + "（跟踪码 " + code + "）");
            assertThat(guard.findAll("[data-testid=alert-case-open]")).as("a guard does not work cases").isEmpty();

            ConsoleUi.logIn(admin, hub.baseUrl(), "admin-r", WAIT);
            admin.click(WAIT, "#alert-list [data-alert-id='" + id + "']");
            admin.waitVisible(WAIT, "#alert-case");
            admin.find("#alert-case").click();
            admin.waitVisible(WAIT, "[data-testid=alert-case-open]");
            assertThat(admin.text("#alert-case-result")).startsWith("此告警已有工单 #" + caseId);
            assertThat(casesOf(id)).as("asked twice, still one case").hasSize(1);
            admin.find("[data-testid=alert-case-open]").click();
            admin.waitFor(WAIT, "the case card", d -> String.valueOf(caseId).equals(admin.js(
                    "const c = document.getElementById('case-card'); return c && !c.hidden ? c.dataset.caseId : null;")));
            guard.screenshot("alert-to-case-phone");
            assertThat(guard.consoleErrors()).isEmpty();
            assertThat(admin.consoleErrors()).isEmpty();
        }
    }

    /** The cases made from an alert, as the database has them (id, tracking code). */
    private static JsonArray casesOf(String alertId) throws Exception {
        JsonArray out = new JsonArray();
        try (var c = hub.dataSource().getConnection(); var s = c.prepareStatement(
                "SELECT id, tracking_code FROM hub_case WHERE alert_id = ? ORDER BY id")) {
            s.setLong(1, Long.parseLong(alertId));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject().put("id", rs.getLong(1)).put("tracking_code", rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The text of each element matching css, read at once (the stream may redraw the card between two reads). */
    @SuppressWarnings("unchecked")
    private static java.util.List<String> texts(Browser b, String css) {
        return (java.util.List<String>) b.js("return [...document.querySelectorAll(arguments[0])]"
                + ".map((n) => n.textContent);", css);
    }

    private static String beijing(String iso, String pattern) {
        return OffsetDateTime.parse(iso).atZoneSameInstant(BEIJING).format(DateTimeFormatter.ofPattern(pattern));
    }

    private static java.util.List<String> options(Browser b) {
        return new Select(b.find("#assign-select")).getOptions().stream().map(o -> o.getAttribute("value")).toList();
    }

    private static JsonObject alert(String id) {
        try {
            HttpResponse<String> r = hub.get("/api/v1/alerts/" + id, adminToken);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new JsonObject(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the device's open (or acknowledged) alert, once the hub has it. */
    private static String awaitOpenAlert(String device) {
        String[] id = {null};
        HubFixture.await(WAIT, "an open alert of " + device, () -> {
            try {
                JsonArray alerts = new JsonObject(hub.get("/api/v1/alerts?status=open", adminToken).body())
                        .getJsonArray("alerts");
                for (int i = 0; i < alerts.size(); i++) {
                    if (device.equals(alerts.getJsonObject(i).getString("device"))) {
                        id[0] = String.valueOf(alerts.getJsonObject(i).getLong("id"));
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return id[0];
    }
}
