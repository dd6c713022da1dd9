package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;
import static org.communityhub.gateway.ui.CaseUi.WAIT;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16's journeys on the map page, in real Chromium on phone-sized windows (390×844) against a real hub:
 * (1) a resident reports an overflowing bin with a photo by tapping the map; it lands in grid ita-g1; the
 * dispatcher accepts it, it goes to that grid's worker, who starts and handles it with an after-photo; the
 * dispatcher closes it; the resident sees 已办结 without staff names or the phone number and rates it; the
 * week's report (table and CSV) counts it. (2) A case past its deadline is listed first and marked overdue,
 * counted in the reminder and on the grids. (3) Grid A's worker does not see grid B's case (not listed, 404),
 * grid B's does. The dispatcher picks an assignee from those who may work the case (the grid's worker
 * first). Descriptions are shown as text, never as markup.
 */
class CasesBrowserIT {

    private static final String DESCRIPTION = "垃圾桶满了，溢出到路上 <img src=x onerror=alert(1)>";
    private static final String PHONE = "13800138000";
    @RegisterExtension
    static final HubExtension hub = CaseUi.extension();
    private static CaseRequests cases;
    private static String dispatcher;

    @BeforeAll
    static void start() throws Exception {
        cases = CaseUi.gridsAndStaff(hub);
        dispatcher = cases.token("disp");
    }

    @Test
    void journey1AResidentsReportGoesRoundTheLoopToARatingAndTheWeeklyReport() throws Exception {
        try (Browser res = Browser.phone(390, 844); Browser staff = Browser.phone(390, 844)) {
            String code = residentReportsFromTheMap(res);
            List<Object> stored = hub.column("SELECT id || ' ' || grid_code || ' ' || (SELECT count(*) FROM case_photo p"
                    + " WHERE p.case_id = c.id) FROM hub_case c WHERE tracking_code = '" + code + "'");
            String[] idGridPhotos = ((String) stored.get(0)).split(" ");
            long id = Long.parseLong(idGridPhotos[0]);
            assertThat(idGridPhotos[1]).as("the case's grid").isEqualTo("ita-g1");
            assertThat(idGridPhotos[2]).as("photos stored").isEqualTo("1");

            CaseUi.logIn(staff, hub.baseUrl(), "disp");
            CaseUi.openCase(staff, id, "submitted");
            assertThat(staff.text("[data-testid=case-description]")).isEqualTo(DESCRIPTION);
            staff.waitVisible(WAIT, "#case-card [data-testid=directions][data-state=ready]");
            assertThat(staff.findAll("#case-card [data-testid=directions] a[data-provider]")).as("到这里去 from the case")
                    .hasSize(3);
            assertThat(staff.text("#case-card")).contains(PHONE).contains("甲一网格");
            staff.waitFor(WAIT, "the report photo", d -> CaseUi.loadedImages(staff, "[data-testid=case-photos]") == 1);
            CaseUi.step(staff, id, "accept", "assigned", () -> { });
            assertThat(staff.text("[data-testid=case-assignee]")).as("the grid's worker").isEqualTo("wa1");
            workerHandlesIt(staff, id);
            CaseUi.switchUser(staff, "disp");
            CaseUi.openCase(staff, id, "handled");
            CaseUi.step(staff, id, "close", "closed", null);
            assertThat(staff.findAll("#case-card [data-testid=case-history] li")).extracting(e -> e.getAttribute("data-actor"))
                    .containsExactly("", "disp", "wa1", "wa1", "disp");
            assertThat(staff.findAll("#case-card [data-testid=case-action-reopen]")).hasSize(1);

            residentSeesItClosedAndRatesIt(res, code);
            theWeeklyReportCountsIt(staff);
            ResidentMapBrowserIT.assertNoInjectedImage(staff);
            assertThat(res.consoleErrors()).isEmpty();
            assertThat(staff.consoleErrors()).isEmpty();
        }
    }

    /** An overflowing bin with a photo and a phone number, placed by a tap on the map; returns the tracking code. */
    private static String residentReportsFromTheMap(Browser res) {
        res.clientAddress("10.41.0.1");
        res.open(hub.baseUrl() + "/#report", WAIT);
        res.waitVisible(WAIT, "#report-form");
        new Select(res.find("#report-category")).selectByValue("environment");
        res.find("#report-description").sendKeys(DESCRIPTION);
        CaseUi.tapPastSheet(res, IN_GRID_A[0], IN_GRID_A[1]);
        assertThat(CaseUi.awaitPlaceGrid(res)).isEqualTo("ita-g1");
        assertThat(res.text("#report-place")).contains("测试甲社区").contains("甲一网格");
        res.find("[data-testid=report-photos-input]").sendKeys(CaseUi.png(new Color(30, 110, 50)).toString());
        res.waitFor(WAIT, "the photo's preview", d -> CaseUi.loadedImages(res, "[data-testid=report-photos-thumbs]") == 1);
        res.find("#report-contact").sendKeys(PHONE);
        ResidentMapBrowserIT.assertNoOverflow(res);
        res.find("#report-submit").click();
        WebElement done = res.waitVisible(WAIT, "#report-done");
        String code = done.getAttribute("data-tracking-code");
        assertThat(done.getAttribute("data-grid")).isEqualTo("ita-g1");
        assertThat(res.text("[data-testid=report-code]")).isEqualTo(code);
        res.waitFor(WAIT, "my report listed as submitted", d -> "待受理".equals(res.text(
                "#my-reports [data-tracking-code='" + code + "'] [data-testid=track-status]")));
        return code;
    }

    /** The grid's worker starts the case and handles it with a note and an after-photo; closing is not theirs. */
    private static void workerHandlesIt(Browser staff, long id) {
        CaseUi.switchUser(staff, "wa1");
        CaseUi.openCase(staff, id, "assigned");
        CaseUi.step(staff, id, "start", "in_progress", null);
        CaseUi.step(staff, id, "handle", "handled", () -> {
            staff.find("[data-testid=case-field-note]").sendKeys("已清运，桶已清洗");
            staff.find("[data-testid=case-photos-input]").sendKeys(CaseUi.png(new Color(200, 200, 60)).toString());
            staff.waitFor(WAIT, "the after-photo's preview",
                    d -> CaseUi.loadedImages(staff, "[data-testid=case-photos-thumbs]") == 1);
        });
        staff.waitFor(WAIT, "both photos on the card", d -> CaseUi.loadedImages(staff, "[data-testid=case-photos]") == 2);
        assertThat(staff.findAll("#case-card [data-testid=case-action-close]")).as("the dispatcher closes").isEmpty();
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static void residentSeesItClosedAndRatesIt(Browser res, String code) {
        res.click(WAIT, "#view-residents");
        res.click(WAIT, "#view-report"); // entering the view refreshes my reports
        String item = "#my-reports [data-tracking-code='" + code + "']";
        res.waitFor(WAIT, "已办结 in my reports", d -> "已办结".equals(res.text(item + " [data-testid=track-status]")));
        assertThat(res.findAll("#my-reports [data-testid=track-item]")).as("only my case").hasSize(1);
        assertThat(res.text(item)).contains("已清运，桶已清洗").doesNotContain("disp").doesNotContain("wa1")
                .doesNotContain(PHONE);
        res.waitFor(WAIT, "both photos in my report", d -> CaseUi.loadedImages(res, item) == 2);
        // Thumbnails in the list (the hub's stored ones), each a link to the full photo, fetched only on a tap.
        String full = "/api/v1/cases/track/" + code + "/photos/";
        assertThat(strings(res.js("return [...document.querySelectorAll(arguments[0] + ' img')]"
                + ".map(i => i.currentSrc).map(u => new URL(u).pathname + new URL(u).search);", item)))
                .containsExactly(full + "1?thumbnail=true", full + "2?thumbnail=true");
        assertThat(strings(res.js("return [...document.querySelectorAll(arguments[0] + ' a[data-photo]')]"
                + ".map(a => new URL(a.href).pathname + new URL(a.href).search);", item)))
                .containsExactly(full + "1", full + "2");
        assertThat(strings(res.js("return performance.getEntriesByType('resource').map(e => new URL(e.name))"
                + ".filter(u => u.pathname.includes('/cases/track/') && u.pathname.includes('/photos/'))"
                + ".map(u => u.pathname + u.search);"))).as("no full-size photo loaded without a tap").isNotEmpty()
                .allMatch(u -> u.endsWith("?thumbnail=true"));
        res.find(item + " [data-testid=rating-form] [data-score='5']").click();
        res.find(item + " [data-testid=rating-comment]").sendKeys("很快，谢谢");
        res.find(item + " [data-testid=rating-submit]").click();
        res.waitFor(WAIT, "my rating shown", d -> res.findAll(item + " [data-testid=track-rated][data-score='5']").size() == 1);
        ResidentMapBrowserIT.assertNoInjectedImage(res);
    }

    private static void theWeeklyReportCountsIt(Browser staff) throws Exception {
        staff.click(WAIT, "#cr-show");
        String g1 = "#cr-table tr.grid[data-grid=ita-g1] td";
        staff.waitFor(WAIT, "the weekly report counts the closed, rated case",
                d -> "1".equals(staff.text(g1 + "[data-col=closed]")) && "5".equals(staff.text(g1 + "[data-col=mean_rating]")));
        assertThat(staff.text(g1 + "[data-col=closed_on_time]")).isEqualTo("1");
        Path downloads = Files.createTempDirectory("hub-csv-");
        staff.downloadsTo(downloads);
        staff.click(WAIT, "#cr-csv");
        Path csv = staff.waitFor(WAIT, "the CSV download", d -> csvIn(downloads));
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).startsWith("community,grid,received,closed")
                .containsPattern("\\nita,ita-g1,\\d+,1,1,\\d+,[0-9.]+,5\\.00,\\d+,");
    }

    @Test
    void journey2AnOverdueCaseIsListedFirstAndMarked() throws Exception {
        long fresh = filed(IN_GRID_A, "10.42.0.1", "noise");
        long late = filed(IN_GRID_A, "10.42.0.2", "environment");
        accept(fresh, 72);
        accept(late, 1);
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET deadline = now() - interval '2 hours' WHERE id = " + late);
        }
        try (Browser staff = Browser.phone(390, 844)) {
            CaseUi.logIn(staff, hub.baseUrl(), "disp");
            staff.waitFor(WAIT, "the late case first", d -> String.valueOf(late).equals(
                    staff.find("#case-list [data-case-id]").getAttribute("data-case-id")));
            WebElement first = staff.find("#case-list [data-case-id]");
            assertThat(first.getAttribute("data-overdue")).isEqualTo("true");
            assertThat(first.getText()).contains("已超期");
            assertThat(CaseUi.row(staff, fresh).getAttribute("data-overdue")).isEqualTo("false");
            assertThat(CaseUi.row(staff, fresh).getText()).doesNotContain("已超期");
            staff.waitFor(WAIT, "the reminder counts it", d -> staff.text("#case-digest").contains("辖区超期"));
            // data-count is empty while the counts are asked for (grids.js draws the labels first)
            staff.waitFor(WAIT, "open cases counted on grid ita-g1", d -> staff.findAll(
                    ".grid-label [data-grid=ita-g1]").stream().anyMatch(e -> e.getAttribute("data-count").matches("\\d+")
                    && Integer.parseInt(e.getAttribute("data-count")) >= 2
                    && e.getAttribute("textContent").startsWith("甲一网格 · ")));
            staff.waitFor(WAIT, "the map fitted to the cases, with the grid's label and count shown", d -> staff.findAll(
                    ".grid-label [data-grid=ita-g1]").stream().anyMatch(WebElement::isDisplayed));
            staff.js("document.getElementById('panel-body').scrollTop = 0;");
            ResidentMapBrowserIT.assertNoOverflow(staff);
            staff.screenshot("cases-list-phone");
            staff.find("#case-overdue-filter").click();
            staff.waitFor(WAIT, "only overdue cases", d -> staff.findAll("#case-list [data-case-id]").stream()
                    .allMatch(e -> "true".equals(e.getAttribute("data-overdue")))
                    && !staff.findAll("#case-list [data-case-id='" + late + "']").isEmpty());
            assertThat(staff.consoleErrors()).isEmpty();
        }
    }

    @Test
    void journey3AGridWorkerSeesOnlyItsGrids() throws Exception {
        long inB = filed(IN_GRID_B, "10.43.0.1", "noise");
        long inA = filed(IN_GRID_A, "10.43.0.2", "other");
        accept(inB, 48);
        accept(inA, 48);
        assertThat(hub.get("/api/v1/cases/" + inB, cases.token("wa1")).statusCode()).as("grid B's case for wa1")
                .isEqualTo(404);
        try (Browser staff = Browser.phone(390, 844)) {
            CaseUi.logIn(staff, hub.baseUrl(), "wa1");
            CaseUi.row(staff, inA);
            assertThat(staff.findAll("#case-list [data-case-id='" + inB + "']")).isEmpty();
            assertThat(staff.findAll("#case-list [data-grid=ita-g2]")).isEmpty();
            CaseUi.openCase(staff, inA, "assigned");
            assertThat(staff.findAll("#case-card [data-testid=case-action-accept]")).as("a worker does not triage").isEmpty();
            assertThat(staff.findAll("#case-card [data-testid=case-action-start]")).hasSize(1);

            CaseUi.switchUser(staff, "wb1");
            CaseUi.openCase(staff, inB, "assigned");
            assertThat(staff.findAll("#case-list [data-case-id='" + inA + "']")).isEmpty();
            assertThat(staff.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aRejectionsReasonReachesTheReporterAndTheCaseIsReopenedAndAssigned() throws Exception {
        JsonObject filed = new JsonObject(cases.json("/api/v1/cases", null, "10.44.0.1", JsonObject.mapFrom(
                CaseRequests.report("dispute", "楼上漏水", IN_GRID_A))).body());
        long id = filed.getLong("id");
        String code = filed.getString("tracking_code");
        hub.login("guard-ui", org.communityhub.gateway.auth.Role.SECURITY, "ita");
        new org.communityhub.gateway.auth.UserAdmin(new org.communityhub.gateway.postgis.PostgisUserStore(
                hub.dataSource()), new org.communityhub.gateway.auth.PasswordHasher(1000)).save("wc-ui",
                org.communityhub.gateway.testing.HubFixture.PASSWORD.toCharArray(),
                org.communityhub.gateway.auth.Role.GRID_WORKER, null, List.of("itb-g1"), "it", null);
        try (Browser staff = Browser.phone(390, 844); Browser res = Browser.phone(390, 844)) {
            CaseUi.logIn(staff, hub.baseUrl(), "disp");
            CaseUi.openCase(staff, id, "submitted");
            staff.click(WAIT, "#case-card [data-testid=case-action-reject]");
            staff.click(WAIT, "#case-card [data-testid=case-action-submit]");
            assertThat(staff.waitVisible(WAIT, "#case-card .field-error[data-field=reason]").getText()).isEqualTo("必填");
            staff.find("[data-testid=case-field-reason]").sendKeys("属物业维修范围，请联系物业");
            staff.click(WAIT, "#case-card [data-testid=case-action-submit]");
            CaseUi.awaitCard(staff, id, "rejected");

            res.open(hub.baseUrl() + "/#report", WAIT);
            res.find("#track-code").sendKeys(code, Keys.ENTER);
            String item = "#my-reports [data-tracking-code='" + code + "']";
            res.waitFor(WAIT, "不予受理 in the reporter's view", d -> "不予受理".equals(res.text(item + " [data-testid=track-status]")));
            assertThat(res.text(item)).as("the reason the reporter sees").contains("属物业维修范围，请联系物业")
                    .doesNotContain("disp");

            CaseUi.step(staff, id, "reopen", "accepted",
                    () -> staff.find("[data-testid=case-field-reason]").sendKeys("物业未处理"));
            staff.click(WAIT, "#case-card [data-testid=case-action-assign]");
            staff.click(WAIT, "#case-card [data-testid=case-action-submit]");
            assertThat(staff.waitVisible(WAIT, "#case-card .field-error[data-field=assignee]").getText())
                    .as("nobody chosen").isEqualTo("必填");
            staff.waitFor(WAIT, "the assignees loaded", d -> "true".equals(
                    staff.find("[data-testid=case-field-assignee]").getAttribute("data-loaded")));
            Select who = new Select(staff.find("[data-testid=case-field-assignee]"));
            List<String> offered = who.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty())
                    .toList();
            assertThat(offered.get(0)).as("the grid's worker first").isEqualTo("wa1");
            assertThat(offered).contains("wb1", "disp").doesNotContain("guard-ui", "wc-ui");
            assertThat(staff.text("#case-card optgroup:first-of-type")).contains("wa1").doesNotContain("wb1");
            who.selectByValue("wb1");
            staff.click(WAIT, "#case-card [data-testid=case-action-submit]");
            CaseUi.awaitCard(staff, id, "assigned");
            assertThat(staff.text("[data-testid=case-assignee]")).isEqualTo("wb1");
        }
    }

    @Test
    void aDispatcherReturnsAHandlingForReworkAndTheAssigneeSeesWhy() throws Exception {
        long id = filed(IN_GRID_A, "10.45.0.1", "environment");
        accept(id, 48);
        var handled = hub.post("/api/v1/cases/" + id + "/handle", cases.token("wa1"),
                new JsonObject().put("note", "已清理").encode());
        assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
        String reason = "照片里还有垃圾 <b>请再清理</b>";
        try (Browser staff = Browser.phone(390, 844)) {
            CaseUi.logIn(staff, hub.baseUrl(), "disp");
            CaseUi.openCase(staff, id, "handled");
            assertThat(staff.findAll("#case-card [data-testid=case-action-close]")).hasSize(1);
            CaseUi.step(staff, id, "rework", "in_progress",
                    () -> staff.find("[data-testid=case-field-reason]").sendKeys(reason));
            assertThat(staff.findAll("#case-card [data-testid=case-action-close]")).as("not closed").isEmpty();

            CaseUi.switchUser(staff, "wa1");
            CaseUi.openCase(staff, id, "in_progress");
            String note = staff.text("#case-card [data-testid=case-rework]");
            assertThat(note).as("the assignee sees who sent it back and why, as text").contains("退回重办")
                    .contains("disp").contains(reason);
            assertThat(staff.findAll("#case-card [data-testid=case-rework] b")).isEmpty();
            assertThat(staff.findAll("#case-card [data-testid=case-action-handle]")).hasSize(1);
            assertThat(staff.consoleErrors()).isEmpty();
        }
    }

    private static long filed(double[] at, String client, String category) throws Exception {
        var r = cases.json("/api/v1/cases", null, client, JsonObject.mapFrom(CaseRequests.report(category, "测试 " + category, at))
                .put("contact", PHONE));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static void accept(long id, int hours) throws Exception {
        var r = hub.post("/api/v1/cases/" + id + "/accept", dispatcher, new JsonObject().put("deadline_hours", hours).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Path csvIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
