package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17's pages on a phone-sized window (390×844) in real Chromium: an admin keeps the duty roster (adds a shift,
 * sees it listed and on duty now, a refused field named next to it, a note escaped, a staff phone number, deletes
 * it); a guard on duty sees the bell's count rise when a fire alarm pages them (the hub's own path: the alert
 * trigger's in-app notification, pushed on the stream), opens the list, and a tap marks it read and opens the alert's
 * card; a channel created for case notices only shows its topics; an sms channel shows its URL format, a bad URL
 * parameter next to the URL, and is listed without its credentials.
 */
class ResponderPagesBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NOTE = "<img src=x onerror=alert(1)>白班";
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();
    private static String adminToken;
    private static String pagedToken;

    @BeforeAll
    static void start() throws Exception {
        adminToken = hub.login("admin-r", Role.ADMIN, null);
        hub.login("guard-r", Role.SECURITY, "ita");
        pagedToken = hub.login("guard-n", Role.SECURITY, "ita");
        hub.login("guard-rb", Role.SECURITY, "itb");
    }

    @Test
    void anAdminKeepsTheDutyRosterOnThePhone() throws Exception {
        try (Browser phone = Browser.phone(390, 844)) {
            logIn(phone, "#roster", "admin-r", "#roster-form");
            phone.waitFor(WAIT, "who is on duty now, per tier", d -> phone.findAll("#roster-now li[data-tier]").size() == 3);
            new Select(phone.find("#roster-community")).selectByValue("ita");
            phone.waitFor(WAIT, "the roster of ita", d -> "ita".equals(phone.find("#roster-now").getAttribute("data-community"))
                    && phone.findAll("#roster-now li[data-tier]").size() == 3);

            // a guard of another community cannot be paged for this one: the hub names the field, shown next to it
            phone.find("[data-testid=roster-user]").sendKeys("guard-rb");
            phone.find("[data-testid=roster-save]").click();
            WebElement userError = phone.waitVisible(WAIT, "#roster-form .field-error[data-field=user]");
            assertThat(userError.getText()).contains("parameter 'user'").contains("security login of community 'ita'");
            assertThat(phone.findAll("#roster-list [data-user=guard-rb]")).isEmpty();

            // without an end time: refused, named next to the end field (and the user's message gone)
            phone.find("[data-testid=roster-user]").clear();
            phone.find("[data-testid=roster-user]").sendKeys("guard-r");
            setValue(phone, "roster-end", "");
            phone.find("[data-testid=roster-save]").click();
            phone.waitVisible(WAIT, "#roster-form .field-error[data-field=end]");
            assertThat(phone.find("#roster-form .field-error[data-field=user]").isDisplayed()).isFalse();

            // 24 hours every day (start = end), tier 1, with a note
            setValue(phone, "roster-start", "00:00");
            setValue(phone, "roster-end", "00:00");
            phone.find("[data-testid=roster-more] summary").click();
            phone.find("[data-testid=roster-note]").sendKeys(NOTE);
            phone.find("[data-testid=roster-save]").click();
            String id = phone.waitFor(WAIT, "guard-r's shift listed", d -> phone.findAll("#roster-list [data-user=guard-r]")
                    .stream().findFirst().map(e -> e.getAttribute("data-entry-id")).orElse(null));
            assertThat(phone.text("#roster-list [data-user=guard-r]")).contains("每天").contains("00:00 起 24 小时")
                    .contains("第 1 梯次").contains(NOTE)
                    .contains("未设电话");
            phone.waitFor(WAIT, "guard-r on duty now at tier 1", d -> !phone.findAll(
                    "#roster-now li[data-tier='1'] [data-user=guard-r]").isEmpty());

            // an overnight shift on working days for tier 2
            phone.find("[data-testid=roster-user]").sendKeys("admin-r");
            new Select(phone.find("[data-testid=roster-tier]")).selectByValue("2");
            tapDay(phone, 6);
            tapDay(phone, 7);
            setValue(phone, "roster-start", "20:00");
            setValue(phone, "roster-end", "08:00");
            phone.find("[data-testid=roster-save]").click();
            phone.waitFor(WAIT, "admin-r's night shift listed", d -> phone.text("#roster-list [data-user=admin-r]")
                    .contains("工作日 · 20:00–次日 08:00"));

            // the staff phone number: a bad one is named next to the field, a good one shows in the roster
            phone.find("[data-testid=phone-user]").sendKeys("guard-r");
            phone.find("[data-testid=phone-number]").sendKeys("call me");
            phone.find("[data-testid=phone-save]").click();
            assertThat(phone.waitVisible(WAIT, "#phone-form .field-error[data-field=phone]").getText())
                    .contains("parameter 'phone'");
            phone.find("[data-testid=phone-number]").clear();
            phone.find("[data-testid=phone-number]").sendKeys("138 0013 8000");
            phone.find("[data-testid=phone-save]").click();
            phone.waitFor(WAIT, "the phone number in guard-r's row", d -> !phone.findAll(
                    "#roster-list [data-user=guard-r] a.tel[href='tel:13800138000']").isEmpty());
            phone.js("document.getElementById('roster-now').scrollIntoView();");
            phone.screenshot("roster-phone");
            ResidentMapBrowserIT.assertNoInjectedImage(phone);
            ResidentMapBrowserIT.assertNoOverflow(phone);

            phone.click(WAIT, "#roster-list [data-entry-id='" + id + "'] [data-testid=roster-delete]");
            phone.waitFor(WAIT, "a second tap asked for", d -> "确认删除".equals(phone.text("#roster-list [data-entry-id='"
                    + id + "'] [data-testid=roster-delete]")));
            phone.click(WAIT, "#roster-list [data-entry-id='" + id + "'] [data-testid=roster-delete]");
            phone.waitFor(WAIT, "the shift gone", d -> phone.findAll("#roster-list [data-entry-id='" + id + "']").isEmpty());
            phone.waitFor(WAIT, "guard-r no longer on duty", d -> phone.findAll("#roster-now [data-user=guard-r]").isEmpty());
            assertThat(phone.consoleErrors()).as("only the refusals").hasSize(3).allSatisfy(e -> assertThat(e)
                    .containsAnyOf("/api/v1/admin/roster", "/api/v1/admin/users/guard-r/phone").contains("status of 400"));
        }
        JsonArray left = new JsonObject(hub.get("/api/v1/admin/roster?community=ita", adminToken).body())
                .getJsonArray("entries");
        assertThat(left.stream().map(o -> ((JsonObject) o).getString("user")).toList()).doesNotContain("guard-r")
                .contains("admin-r");
        assertThat(left.stream().map(o -> (JsonObject) o).filter(o -> "admin-r".equals(o.getString("user"))).findFirst()
                .orElseThrow().getJsonArray("days")).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aPagedGuardSeesTheBellRiseAndATapOpensTheAlert() throws Exception {
        HttpResponse<String> entry = hub.post("/api/v1/admin/roster", adminToken, new JsonObject().put("user", "guard-n")
                .put("community", "ita").put("tier", 1).put("start", "00:00").put("end", "00:00").encode());
        assertThat(entry.statusCode()).as(entry.body()).isEqualTo(201);
        try (Browser phone = Browser.phone(390, 844)) {
            logIn(phone, "#console", "guard-n", "#panel-console");
            phone.waitFor(WAIT, "the stream online", d -> "online".equals(phone.find("#connection-status")
                    .getAttribute("data-state")));
            assertThat(phone.find("[data-testid=notif-bell]").isDisplayed()).isTrue();
            assertThat(phone.find("[data-testid=notif-bell]").getAttribute("data-unread")).isEqualTo("0");
            assertThat(phone.find("[data-testid=notif-count]").isDisplayed()).as("no count at 0").isFalse();

            TestDevice button = hub.device("ita-fb-1");
            MqttClient client = button.connect(hub.mqttUrl());
            try {
                button.publish(client, TestDevice.payload("rb-bell-1", "fire.alarm", "{\"floor\":4}"));
            } finally {
                client.disconnect();
                client.close();
            }
            phone.waitFor(WAIT, "the bell's count at 1", d -> phone.find("[data-testid=notif-count]").isDisplayed()
                    && "1".equals(phone.text("[data-testid=notif-count]")));
            ResidentMapBrowserIT.awaitTappable(phone, "[data-testid=notif-bell]");
            JsonObject page = new JsonObject(hub.get("/api/v1/notifications", pagedToken).body())
                    .getJsonArray("notifications").getJsonObject(0);
            String alertId = String.valueOf(page.getLong("alert"));
            String item = "#notif-list [data-notification-id='" + page.getLong("id") + "']";
            phone.find("[data-testid=notif-bell]").click();
            phone.waitVisible(WAIT, item + "[data-kind=alert][data-read=false]");
            assertThat(phone.text(item)).contains("火警").contains("测试甲社区");
            phone.screenshot("notifications-phone");
            ResidentMapBrowserIT.assertNoOverflow(phone);

            phone.click(WAIT, item);
            phone.waitFor(WAIT, "the alert's card", d -> alertId.equals(phone.find("#incident-card")
                    .getAttribute("data-alert-id")) && phone.find("#incident-card").isDisplayed());
            assertThat(phone.find("#notif-box").isDisplayed()).as("the list closed").isFalse();
            phone.waitFor(WAIT, "the count back to 0", d -> "0".equals(phone.find("[data-testid=notif-bell]")
                    .getAttribute("data-unread")) && !phone.find("[data-testid=notif-count]").isDisplayed());
            phone.find("[data-testid=notif-bell]").click();
            phone.waitVisible(WAIT, item + "[data-read=true]");
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aChannelForCaseNoticesShowsItsTopics() throws Exception {
        try (Browser phone = Browser.phone(390, 844)) {
            logIn(phone, "#channels", "admin-r", "#channel-form");
            phone.find("[data-testid=channel-name]").sendKeys("网格日报群");
            phone.find("[data-testid=channel-url]").sendKeys("https://hooks.example.cn/cases");
            phone.find("[data-testid=channel-topic-alerts]").click(); // off: nothing left to carry
            phone.find("[data-testid=channel-save]").click();
            assertThat(phone.waitVisible(WAIT, "#channel-form .field-error[data-field=topics]").getText())
                    .contains("parameter 'topics'");

            phone.find("[data-testid=channel-topic-cases]").click();
            phone.find("[data-testid=channel-save]").click();
            // the sms test's channel may be listed too: this one is the webhook
            String topics = phone.waitFor(WAIT, "the channel listed", d -> phone
                    .findAll("#channel-list [data-kind=webhook]")
                    .stream().findFirst().map(e -> e.getAttribute("data-topics")).orElse(null));
            assertThat(topics).isEqualTo("cases");
            assertThat(phone.text("#channel-list [data-kind=webhook] [data-testid=channel-topics]"))
                    .isEqualTo("推送内容：工单");
            assertThat(phone.find("[data-testid=channel-topic-alerts]").isSelected()).as("the form reset").isTrue();
            assertThat(phone.find("[data-testid=channel-topic-cases]").isSelected()).isFalse();
            ResidentMapBrowserIT.assertNoOverflow(phone);
        }
        JsonObject channel = new JsonObject(hub.get("/api/v1/admin/channels", adminToken).body()).getJsonArray("channels")
                .stream().map(o -> (JsonObject) o).filter(c -> "网格日报群".equals(c.getString("name"))).findFirst()
                .orElseThrow();
        assertThat(channel.getJsonArray("topics")).isEqualTo(new JsonArray(List.of("cases")));
    }

    @Test
    void anSmsChannelShowsItsUrlFormatAndABadParameterNextToTheUrl() throws Exception {
        String url = "https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI5tBrowser01&SignName=%E7%A4%BE%E5%8C%BA"
                + "&PhoneNumbers=13800138000";
        try (Browser phone = Browser.phone(390, 844)) {
            logIn(phone, "#channels", "admin-r", "#channel-form");
            assertThat(phone.find("[data-testid=channel-url-hint]").isDisplayed()).isFalse();
            new Select(phone.find("[data-testid=channel-kind]")).selectByValue("sms");
            assertThat(phone.waitVisible(WAIT, "[data-testid=channel-url-hint]").getText())
                    .contains("AccessKeyId=", "TemplateCode=SMS_", "PhoneNumbers=", "AccessKey Secret", "${what}");
            phone.find("[data-testid=channel-name]").sendKeys("值班短信");
            phone.find("[data-testid=channel-url]").sendKeys(url);
            phone.find("[data-testid=channel-secret]").sendKeys("browser-sms-secret");
            phone.find("[data-testid=channel-save]").click();
            assertThat(phone.waitVisible(WAIT, "#channel-form .field-error[data-field=url]").getText())
                    .contains("parameter 'url'", "TemplateCode");

            phone.find("[data-testid=channel-url]").clear();
            phone.find("[data-testid=channel-url]").sendKeys(url + "&TemplateCode=SMS_2718");
            phone.find("[data-testid=channel-secret]").sendKeys("browser-sms-secret");
            phone.find("[data-testid=channel-save]").click();
            phone.waitFor(WAIT, "the sms channel listed", d -> phone.findAll("#channel-list [data-kind=sms]").size() == 1);
            assertThat(phone.text("#channel-list [data-kind=sms]")).contains("值班短信", "短信（阿里云）")
                    .doesNotContain("LTAI5tBrowser01", "13800138000");
            assertThat(phone.find("[data-testid=channel-url-hint]").isDisplayed()).as("the form reset").isFalse();
            assertThat((String) phone.js("return document.documentElement.outerHTML;"))
                    .doesNotContain("browser-sms-secret");
            ResidentMapBrowserIT.assertNoOverflow(phone);
            assertThat(phone.consoleErrors()).as("only the refused url").singleElement()
                    .satisfies(e -> assertThat(e).contains("/api/v1/admin/channels", "status of 400"));
        }
    }

    private static void logIn(Browser b, String view, String username, String shown) {
        b.open(hub.baseUrl() + "/" + view, WAIT);
        b.waitVisible(WAIT, "#login-form");
        b.find("#login-username").sendKeys(username);
        b.find("#login-password").sendKeys(HubFixture.PASSWORD);
        b.find("#login-submit").click();
        b.waitVisible(WAIT, shown);
    }

    /** Sets a time input as the phone's picker does (Selenium's keys depend on the locale's time format). */
    private static void setValue(Browser b, String testid, String value) {
        b.js("const i = document.querySelector('[data-testid=' + arguments[0] + ']'); i.value = arguments[1];"
                + " i.dispatchEvent(new Event('input', {bubbles: true}));", testid, value);
    }

    private static void tapDay(Browser b, int day) {
        ((WebElement) b.js("return document.querySelector('[data-testid=roster-day-" + day + "]').closest('label');"))
                .click();
    }
}
