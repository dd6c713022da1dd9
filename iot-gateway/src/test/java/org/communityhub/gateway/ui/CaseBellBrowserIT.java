package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.ui.CaseUi.WAIT;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.DrivenReminders;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's reminders (一天一提醒) in the bell of a grid worker, in real Chromium on a phone-sized window against a real
 * hub: the reminder job is run for real with the day's digest due now ({@link DrivenReminders}); the digest reaches the
 * page live on the stream and raises the count; its entry is worded by the page from the notification's structured
 * fields, in Chinese and, after the language switch, in English (no Chinese left); tapping it marks it read and opens
 * the one case it lists. The same run's overdue notice reaches the dispatcher, worded in English too, with a grid's
 * name shown as text (never markup).
 */
class CaseBellBrowserIT {

    private static final String BELL = "[data-testid=notif-bell]";
    @RegisterExtension
    static final HubExtension hub = CaseUi.extension();
    private static CaseRequests cases;

    @BeforeAll
    static void start() throws Exception {
        cases = CaseUi.gridsAndStaff(hub);
        String root = cases.token("root"); // saved by gridsAndStaff
        assertThat(cases.saveUser(root, "wa2", "grid_worker", null, java.util.List.of("ita-g1")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDueReminderReachesTheGridWorkersBellInChineseAndIsRewordedInEnglish() throws Exception {
        long id = assigned("environment", "10.51.0.1", "wa1");
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET deadline = now() - interval '2 hours' WHERE id = " + id);
        }
        try (Browser b = Browser.phone(390, 844)) {
            CaseUi.logIn(b, hub.baseUrl(), "wa1");
            ResidentMapBrowserIT.awaitTappable(b, BELL);
            DrivenReminders.runNow(hub);
            b.waitFor(WAIT, "the bell counts the reminder", d -> "1".equals(b.find(BELL).getAttribute("data-unread")));
            assertThat(b.text("[data-testid=notif-count]")).isEqualTo("1");
            JsonObject stored = new JsonObject(hub.get("/api/v1/notifications", cases.token("wa1")).body())
                    .getJsonArray("notifications").getJsonObject(0);
            assertThat(stored.getString("kind")).isEqualTo("digest");
            assertThat(stored.getJsonArray("cases").size()).isEqualTo(1);
            assertThat(stored.getJsonArray("cases").getLong(0)).isEqualTo(id);
            assertThat(stored.getString("title")).as("the hub's own title stays Chinese").startsWith("今日提醒");
            String item = "#notif-list [data-notification-id='" + stored.getLong("id") + "'][data-kind=digest]";

            b.find(BELL).click();
            b.waitVisible(WAIT, item + "[data-read=false]");
            assertThat(settled(b, item + " .notif-title")).isEqualTo("今日提醒：1 件待办，1 件已超期");
            assertThat(settled(b, item + " .notif-text")).startsWith("#" + id + " 环境卫生 已派单 · 期限 ")
                    .endsWith(" · 已超期");

            b.find("#lang-toggle").click();
            b.waitFor(WAIT, "the entry reworded in English", d -> "Today: 1 open, 1 overdue".equals(
                    b.find(item + " .notif-title").getText()));
            assertThat(settled(b, item + " .notif-text")).startsWith("#" + id + " Environment Assigned · due ")
                    .endsWith(" · overdue");
            assertThat(b.text("#notif-box")).as("nothing left in Chinese").doesNotContainPattern("\\p{IsHan}");
            assertThat(b.find(BELL).getAttribute("aria-label")).isEqualTo("Notifications (1 unread)");
            theDispatchersOverdueNoticeNamesThePlaceAsText(b, id);
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    /** The same run told the dispatcher the case is overdue: worded in English, a grid name with markup as text. */
    private static void theDispatchersOverdueNoticeNamesThePlaceAsText(Browser b, long id) throws Exception {
        String grid = "甲一网格 <img src=x onerror=alert(1)>";
        try {
            try (var c = hub.dataSource().getConnection(); var s = c.prepareStatement(
                    "UPDATE grid SET name = ? WHERE code = 'ita-g1'")) {
                s.setString(1, grid);
                s.executeUpdate();
            }
            b.click(WAIT, "[data-testid=notif-close]");
            CaseUi.switchUser(b, "disp");
            ResidentMapBrowserIT.awaitTappable(b, BELL);
            JsonObject overdue = new JsonObject(hub.get("/api/v1/notifications", cases.token("disp")).body())
                    .getJsonArray("notifications").stream().map(JsonObject.class::cast)
                    .filter(n -> "overdue".equals(n.getString("kind")) && Long.valueOf(id).equals(n.getLong("case")))
                    .findFirst().orElseThrow();
            String item = "#notif-list [data-notification-id='" + overdue.getLong("id") + "'][data-kind=overdue]";
            b.find(BELL).click();
            b.waitVisible(WAIT, item);
            assertThat(settled(b, item + " .notif-title")).isEqualTo("Case #" + id + " overdue");
            assertThat(settled(b, item + " .notif-text")).startsWith("Environment · 测试甲社区 / " + grid + " · due ");
            ResidentMapBrowserIT.assertNoInjectedImage(b);
        } finally {
            try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE grid SET name = '甲一网格' WHERE code = 'ita-g1'");
            }
        }
    }

    @Test
    void tappingTheReminderOpensItsCaseAndMarksItRead() throws Exception {
        long id = assigned("noise", "10.52.0.1", "wa2");
        DrivenReminders.runNow(hub);
        try (Browser b = Browser.phone(390, 844)) {
            CaseUi.logIn(b, hub.baseUrl(), "wa2");
            b.find("#lang-toggle").click();
            ResidentMapBrowserIT.awaitTappable(b, BELL);
            b.waitFor(WAIT, "the bell counts the reminder", d -> "1".equals(b.find(BELL).getAttribute("data-unread")));
            b.find(BELL).click();
            String item = "#notif-list [data-kind=digest]";
            b.waitVisible(WAIT, item + "[data-read=false]");
            assertThat(settled(b, item + " .notif-title")).isEqualTo("Today: 1 open");
            assertThat(settled(b, item + " .notif-text")).startsWith("#" + id + " Noise Assigned · due ")
                    .doesNotContain("overdue");

            b.click(WAIT, item);
            CaseUi.awaitCard(b, id, "assigned");
            assertThat(b.find("#case-card").isDisplayed()).isTrue();
            assertThat(b.find("#notif-box").isDisplayed()).as("the list closed").isFalse();
            b.waitFor(WAIT, "the count back to 0", d -> "0".equals(b.find(BELL).getAttribute("data-unread"))
                    && !b.find("[data-testid=notif-count]").isDisplayed());
            b.find(BELL).click();
            b.waitVisible(WAIT, item + "[data-read=true]");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aDispatchersDigestCountsTheReportsWaitingForTriageNotZeroOpen() throws Exception {
        var filed = cases.json("/api/v1/cases", null, "10.53.0.1", JsonObject.mapFrom(CaseRequests.report("environment",
                "测试 待受理", IN_GRID_A)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = new JsonObject(filed.body()).getLong("id");
        try {
            DrivenReminders.runNow(hub);
            JsonObject stored = new JsonObject(hub.get("/api/v1/notifications", cases.token("disp")).body())
                    .getJsonArray("notifications").stream().map(JsonObject.class::cast)
                    .filter(n -> "digest".equals(n.getString("kind"))).findFirst().orElseThrow();
            assertThat(stored.getString("title")).as("the hub's own title").isEqualTo("今日提醒：1 件待受理");
            assertThat(stored.getInteger("open")).isZero();
            assertThat(stored.getInteger("untriaged")).as("the count the page words").isEqualTo(1);
            try (Browser b = Browser.phone(390, 844)) {
                CaseUi.logIn(b, hub.baseUrl(), "disp");
                ResidentMapBrowserIT.awaitTappable(b, BELL);
                b.find(BELL).click();
                String item = "#notif-list [data-notification-id='" + stored.getLong("id") + "'][data-kind=digest]";
                b.waitVisible(WAIT, item);
                assertThat(settled(b, item + " .notif-title")).isEqualTo("今日提醒：1 件待受理");
                assertThat(settled(b, item + " .notif-text")).contains("#" + id + " 环境卫生 待受理");
                b.find("#lang-toggle").click();
                b.waitFor(WAIT, "the entry reworded in English", d -> "Today: 1 waiting for triage".equals(
                        b.find(item + " .notif-title").getText()));
                assertThat(settled(b, item + " .notif-text")).contains("#" + id + " Environment Submitted");
                // A digest stored before the hub kept the count (V368: untriaged 0) still says reports wait.
                try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
                    s.executeUpdate("UPDATE notification SET untriaged_count = 0 WHERE id = " + stored.getLong("id"));
                }
                b.find(BELL).click(); // closes the list
                b.find(BELL).click(); // opens it again: fetched anew
                b.waitFor(WAIT, "the entry worded without a count", d -> "Today: reports waiting for triage".equals(
                        b.find(item + " .notif-title").getText()));
                assertThat(b.consoleErrors()).isEmpty();
            }
        } finally {
            var rejected = hub.post("/api/v1/cases/" + id + "/reject", cases.token("disp"),
                    new JsonObject().put("reason", "测试结束").encode());
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        }
    }

    /**
     * The text of {@code css} once the list has settled: the list is drawn again when its fetch answers, so an
     * element found may be replaced before its text is read (the wait finds it again).
     */
    private static String settled(Browser b, String css) {
        return b.waitFor(WAIT, css + " shown", d -> {
            String text = d.findElement(org.openqa.selenium.By.cssSelector(css)).getText();
            return text.isEmpty() ? null : text;
        });
    }

    /** A resident's report in grid ita-g1, accepted by the dispatcher with a day's time limit for {@code worker}. */
    private static long assigned(String category, String client, String worker) throws Exception {
        var filed = cases.json("/api/v1/cases", null, client, JsonObject.mapFrom(CaseRequests.report(category,
                "测试 " + category + " <b>x</b>", IN_GRID_A)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = new JsonObject(filed.body()).getLong("id");
        var accepted = hub.post("/api/v1/cases/" + id + "/accept", cases.token("disp"), new JsonObject()
                .put("deadline_hours", 24).put("assignee", worker).encode());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return id;
    }
}
