package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17 on a phone-sized page (390×844) in real Chromium: a guard who allowed notifications gets a system
 * notification (through the service worker) and a repeating, vibrating alarm for a fire alarm until it is confirmed,
 * sees it escalate, while an alarm from a device in test mode stays silent; the closed-alerts history filters by
 * outcome, building and day and never shows another community's alerts; an admin adds a channel on the channels page
 * (its secret never shown back, a refused field named next to it, names escaped) and its test button sends to a real
 * local receiver and lands in the delivery log, as do a fire alarm's page (报警) and its 火警已确认 follow-up.
 */
class PhoneConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Unconfirmed fire alarms and open critical alerts escalate after 2 s (the escalation job runs every 5 s). */
    @RegisterExtension
    static final HubExtension hub = UiHub.extension(Map.of("HUB_FIRE_CONFIRM_SECONDS", "2",
            "HUB_ESCALATE_AFTER_SECONDS", "2"));
    private static String guardToken;
    private static String installerToken;
    private static String adminToken;
    private static ChannelReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        guardToken = hub.login("guard-p", Role.SECURITY, "ita");
        installerToken = hub.login("installer-p", Role.INSTALLER, "ita");
        adminToken = hub.login("admin-p", Role.ADMIN, null);
        receiver = new ChannelReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aFireAlarmNotifiesAndSoundsUntilConfirmedWhileATestAlarmStaysSilent() throws Exception {
        HttpResponse<String> testMode = hub.http().send(HttpRequest.newBuilder(URI.create(hub.baseUrl()
                        + "/api/v1/devices/ita-fb-2")).header("Authorization", "Bearer " + installerToken)
                .header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"test_mode\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(testMode.statusCode()).as(testMode.body()).isEqualTo(200);
        try (Browser phone = Browser.phone(390, 844)) {
            phone.grantNotifications(hub.baseUrl());
            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-p", WAIT);
            assertThat(phone.find("#view-channels").isDisplayed()).as("the channels tab is for admins").isFalse();
            assertThat(phone.find("#notify-bar").isDisplayed()).as("no 'turn on' bar once permitted").isFalse();
            phone.waitFor(WAIT, "the service worker registered", d -> Boolean.TRUE.equals(
                    phone.js("return window.hubTest.pwa().registered;")));
            phone.js("window.__vibrations = 0; const v = navigator.vibrate.bind(navigator);"
                    + " navigator.vibrate = (p) => { window.__vibrations += 1; return v(p); };");

            publish("ita-fb-2", "pc-test-1");
            String testId = awaitOpenAlert("ita-fb-2");
            phone.waitVisible(WAIT, "#alert-list [data-alert-id='" + testId + "']");
            publish("ita-fb-1", "pc-fire-1");
            String fireId = awaitOpenAlert("ita-fb-1");
            phone.waitFor(WAIT, "a notification for the fire alarm", d -> notified(phone).stream()
                    .anyMatch(n -> fireId.equals(n.get("id")) && "worker".equals(n.get("via"))));
            phone.waitFor(WAIT, "the notification in the service worker's list", d -> shownTags(phone)
                    .contains("hub-alert-" + fireId));
            assertThat(phone.find("#alarm-banner").isDisplayed()).isTrue();
            phone.waitFor(WAIT, "the alarm sounding again and again", d -> beeps(phone) >= 3);
            assertThat(((Number) phone.js("return window.__vibrations;")).intValue()).as("vibrations").isPositive();

            phone.waitFor(WAIT, "the escalation level on the alert's row", d -> phone.text("#alert-list [data-alert-id='"
                    + fireId + "'] [data-testid=alert-escalation]").matches("升级 第 [12] 级"));
            phone.waitFor(WAIT, "a notification again for the escalated level", d -> notified(phone).stream()
                    .anyMatch(n -> fireId.equals(n.get("id")) && ((Number) n.get("level")).intValue() >= 1
                            && String.valueOf(n.get("title")).contains("已升级")));
            assertThat(notified(phone)).as("the test-mode alarm never notifies")
                    .noneMatch(n -> testId.equals(n.get("id")));
            assertThat(shownTags(phone)).doesNotContain("hub-alert-" + testId);

            phone.find("#alert-list [data-alert-id='" + fireId + "']").click();
            phone.waitVisible(WAIT, "#confirm-fire-button").click();
            phone.waitFor(WAIT, "火警已确认", d -> "火警已确认".equals(phone.text("[data-testid=incident-status]")));
            phone.waitFor(WAIT, "the alarm loop to stop", d -> Boolean.FALSE.equals(
                    ((Map<?, ?>) phone.js("return window.hubTest.alarm();")).get("on")));
            long afterConfirm = beeps(phone);
            phone.waitFor(WAIT, "the notification closed", d -> !shownTags(phone).contains("hub-alert-" + fireId));
            assertThat(phone.find("#alarm-banner").isDisplayed()).isFalse();
            phone.screenshot("phone-console-confirmed");
            assertThat(beeps(phone)).as("no beep after the confirmation").isEqualTo(afterConfirm);
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theClosedAlertsHistoryFiltersWithinTheGuardsCommunity() throws Exception {
        long falseAlarm = resolved("fire", "critical", "ita", "ita-b1", "2026-11-01T12:00:00Z", "false_alarm");
        long intrusion = resolved("intrusion", "high", "ita", "ita-b2", "2026-11-02T12:00:00Z", "resolved");
        long otherFire = resolved("fire", "critical", "ita", "ita-b2", "2026-11-03T12:00:00Z", "resolved");
        long elsewhere = resolved("fire", "critical", "itb", "itb-b1", "2026-11-02T12:00:00Z", "false_alarm");
        try (Browser phone = Browser.phone(390, 844)) {
            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-p", WAIT);
            phone.click(WAIT, "[data-testid=history-toggle]");
            phone.waitFor(WAIT, "the closed alerts", d -> historyIds(phone).containsAll(List.of(falseAlarm, intrusion,
                    otherFire)));
            assertThat(historyIds(phone)).as("another community's alert").doesNotContain(elsewhere);

            new Select(phone.find("[data-testid=history-outcome]")).selectByValue("false_alarm");
            phone.find("[data-testid=history-search]").click();
            phone.waitFor(WAIT, "only the false alarm", d -> historyIds(phone).equals(List.of(falseAlarm)));

            new Select(phone.find("[data-testid=history-outcome]")).selectByValue("");
            new Select(phone.find("[data-testid=history-building]")).selectByValue("ita-b2");
            phone.js("document.querySelector('[data-testid=history-from]').value = '2026-11-03';");
            phone.find("[data-testid=history-search]").click();
            phone.waitFor(WAIT, "building 2's alerts from 3 November", d -> historyIds(phone).equals(List.of(otherFire)));

            new Select(phone.find("[data-testid=history-kind]")).selectByValue("intrusion");
            phone.js("document.querySelector('[data-testid=history-from]').value = '';");
            phone.find("[data-testid=history-search]").click();
            phone.waitFor(WAIT, "building 2's intrusion", d -> historyIds(phone).equals(List.of(intrusion)));

            phone.find("#history-list [data-alert-id='" + intrusion + "']").click();
            phone.waitFor(WAIT, "the closed alert's card", d -> "已解决".equals(phone.text("[data-testid=incident-status]"))
                    && String.valueOf(intrusion).equals(phone.find("#incident-card").getAttribute("data-alert-id")));
            ResidentMapBrowserIT.assertNoOverflow(phone);
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    @Test
    void anAdminAddsTestsAndDeletesAChannelOnThePhone() throws Exception {
        String secret = "whsec-never-shown-0815";
        String name = "<img src=x onerror=alert(1)>值班群";
        try (Browser phone = Browser.phone(390, 844)) {
            ConsoleUi.logIn(phone, hub.baseUrl(), "admin-p", WAIT);
            // the staff tabs are labelled before their views' code has loaded (not their i18n keys)
            assertThat(phone.find("#view-channels").getText()).isEqualTo("通道");
            assertThat(phone.find("#view-roster").getText()).isEqualTo("值班");
            phone.click(WAIT, "#view-channels");
            phone.waitVisible(WAIT, "#channel-form");

            // an SMS channel without its AccessKey secret: refused, the error shown next to that field
            new Select(phone.find("[data-testid=channel-kind]")).selectByValue("sms");
            phone.find("[data-testid=channel-name]").sendKeys("物业短信");
            phone.find("[data-testid=channel-url]").sendKeys("https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI5tPhone001"
                    + "&SignName=%E7%A4%BE%E5%8C%BA&TemplateCode=SMS_2718&PhoneNumbers=13800138000");
            phone.find("[data-testid=channel-save]").click();
            phone.waitVisible(WAIT, "#channel-form .field-error[data-field=secret]");
            assertThat(phone.find("[data-testid=channel-secret]").getAttribute("value")).isEmpty();

            phone.find("[data-testid=channel-name]").clear();
            phone.find("[data-testid=channel-name]").sendKeys(name);
            new Select(phone.find("[data-testid=channel-kind]")).selectByValue("webhook");
            phone.find("[data-testid=channel-url]").clear();
            phone.find("[data-testid=channel-url]").sendKeys(receiver.url("/phone-hook"));
            phone.find("[data-testid=channel-secret]").sendKeys(secret);
            new Select(phone.find("[data-testid=channel-community]")).selectByValue("ita");
            new Select(phone.find("[data-testid=channel-tier]")).selectByValue("2");
            phone.find("[data-testid=channel-save]").click();
            phone.waitFor(WAIT, "the new channel in the list", d -> phone.text("#channel-list").contains("值班群"));
            assertThat(phone.text("#channel-list")).contains(name).contains("已设置密钥").contains("第 2 梯次");
            assertThat(phone.find("[data-testid=channel-secret]").getAttribute("value")).isEmpty();
            assertThat((String) phone.js("return document.documentElement.outerHTML;")).doesNotContain(secret);

            phone.click(WAIT, "#channel-list [data-testid=channel-test]");
            phone.waitFor(WAIT, "the test result", d -> phone.text("[data-testid=channel-test-result]")
                    .equals("已送达（HTTP 200）"));
            phone.waitFor(WAIT, "the test send in the delivery log", d -> !phone.findAll(
                    "#delivery-log [data-test=true][data-status=delivered]").isEmpty());
            assertThat(phone.text("#delivery-log")).contains("测试消息").contains(name);
            assertThat(receiver.requests("/phone-hook")).hasSize(1);
            assertThat(receiver.requests("/phone-hook").get(0).header("X-Hub-Signature-256")).startsWith("sha256=");
            assertThat(phone.findAll("#delivery-log [data-testid=delivery-purpose]")).as("a test send has no purpose")
                    .isEmpty();

            long fire = pagedAndConfirmed(phone);
            assertThat(phone.text("#delivery-log [data-purpose=page]")).contains("告警 #" + fire + " · 报警 · 第 2 梯次")
                    .contains(name);
            assertThat(phone.text("#delivery-log [data-purpose=confirmed]"))
                    .contains("告警 #" + fire + " · 火警已确认 · 第 2 梯次").contains(name);
            phone.screenshot("phone-channels");
            ResidentMapBrowserIT.assertNoInjectedImage(phone);
            ResidentMapBrowserIT.assertNoOverflow(phone);

            phone.click(WAIT, "#channel-list [data-testid=channel-delete]");
            phone.waitFor(WAIT, "the delete to ask for a second tap", d -> "确认删除".equals(
                    phone.text("#channel-list [data-testid=channel-delete]")));
            phone.click(WAIT, "#channel-list [data-testid=channel-delete]");
            phone.waitFor(WAIT, "the channel gone", d -> phone.findAll("#channel-list [data-channel-id]").isEmpty());
            assertThat(phone.consoleErrors()).as("only the refused secret").singleElement().satisfies(e -> assertThat(e)
                    .contains("/api/v1/admin/channels").contains("status of 400"));
        }
    }

    /**
     * A fire alarm of the channel's community (opened as the alarm lane does, in the database) that the escalator raises
     * to level 1, so the tier-2 channel gets its page, then confirmed as a real fire (its 火警已确认); resolved again
     * before returning. Waits until both deliveries were received and are listed, delivered, in the log.
     */
    private static long pagedAndConfirmed(Browser phone) throws Exception {
        String key = "ui-channels-" + java.util.UUID.randomUUID();
        long id = (Long) hub.column("INSERT INTO alert (rule, correlation_key, kind, severity, status, device_code,"
                + " building_code, community_code, opened_at, last_event_at, event_ids) VALUES ('fire', '" + key
                + "', 'fire', 'critical', 'open', 'ita-fb-1', 'ita-b1', 'ita', now(), now(), ARRAY['" + key + "'])"
                + " RETURNING id").get(0);
        try {
            HubFixture.await(Duration.ofSeconds(30), () -> "the tier-2 page of alert " + id + ": " + hookBodies(),
                    () -> titlesOf(id).stream().anyMatch(t -> t.startsWith("【升级2级】【火警】")));
            HttpResponse<String> confirmed = hub.post("/api/v1/alerts/" + id + "/confirm", adminToken,
                    "{\"real\": true}");
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            HubFixture.await(WAIT, () -> "the confirmation of alert " + id + ": " + hookBodies(),
                    () -> titlesOf(id).stream().anyMatch(t -> t.startsWith("【升级2级】【火警已确认】")));
            phone.waitFor(WAIT, "both deliveries in the log", d -> {
                phone.click(WAIT, "[data-testid=delivery-refresh]");
                return !phone.findAll("#delivery-log [data-purpose=page][data-status=delivered]").isEmpty()
                        && !phone.findAll("#delivery-log [data-purpose=confirmed][data-status=delivered]").isEmpty();
            });
        } finally {
            hub.post("/api/v1/alerts/" + id + "/resolve", adminToken, "{\"outcome\": \"resolved\", \"note\": \"已扑灭\"}");
        }
        return id;
    }

    /** The titles of the messages about alert {@code id} the channel received. */
    private static List<String> titlesOf(long id) {
        return hookBodies().stream().map(JsonObject::new).filter(m -> m.getJsonObject("alert") != null
                && m.getJsonObject("alert").getLong("id") == id).map(m -> m.getString("title")).toList();
    }

    private static List<String> hookBodies() {
        return receiver.requests("/phone-hook").stream().map(ChannelReceiver.Request::text).toList();
    }

    private static void publish(String device, String eventId) throws Exception {
        hub.publish(device, TestDevice.payload(eventId, "fire.alarm", "{\"floor\":3}"));
    }

    /** The id of the device's open alert, once the hub has it. */
    private static String awaitOpenAlert(String device) {
        String[] id = {null};
        HubFixture.await(WAIT, "an open alert of " + device, () -> {
            try {
                var alerts = new JsonObject(hub.get("/api/v1/alerts?status=open", guardToken).body()).getJsonArray("alerts");
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

    private static List<Map<?, ?>> notified(Browser b) {
        List<Map<?, ?>> out = new java.util.ArrayList<>();
        ((List<?>) b.js("return window.hubTest.notifications();")).forEach(o -> out.add((Map<?, ?>) o));
        return out;
    }

    /** Tags of the notifications the service worker registration shows now. */
    private static List<String> shownTags(Browser b) {
        return ((List<?>) b.js("return navigator.serviceWorker.ready.then(r => r.getNotifications())"
                + ".then(list => list.map(n => n.tag));")).stream().map(String::valueOf).toList();
    }

    private static long beeps(Browser b) {
        Map<?, ?> stats = (Map<?, ?>) b.js("return window.hubTest.alarm();");
        return ((Number) stats.get("beeps")).longValue();
    }

    private static List<Long> historyIds(Browser b) {
        return b.findAll("#history-list [data-alert-id]").stream().map(e -> Long.valueOf(e.getAttribute("data-alert-id")))
                .toList();
    }

    private static long resolved(String kind, String severity, String community, String building, String openedAt,
                                 String outcome) throws Exception {
        return (Long) hub.column("INSERT INTO alert (rule, correlation_key, kind, severity, status, device_code,"
                + " building_code, community_code, opened_at, last_event_at, event_ids, acknowledged_by, acknowledged_at,"
                + " resolved_by, resolved_at, outcome, note) VALUES ('" + kind + "', 'ui-history:" + openedAt + building
                + "', '" + kind + "', '" + severity + "', 'resolved', '" + community + "-fb-1', '" + building + "', '"
                + community + "', '" + openedAt + "', '" + openedAt + "', ARRAY['ui-" + openedAt + building + "'],"
                + " 'guard-p', '" + openedAt + "', 'guard-p', '" + openedAt + "'::timestamptz + interval '5 minutes', '"
                + outcome + "', '烤面包冒烟')" + " RETURNING id").get(0);
    }
}
