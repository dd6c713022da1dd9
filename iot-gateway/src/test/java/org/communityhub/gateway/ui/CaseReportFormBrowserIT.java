package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;
import static org.communityhub.gateway.ui.CaseUi.WAIT;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The 随手拍 form on a phone (390×844) in real Chromium against a real hub: the link a grid's QR code
 * encodes opens the form centred on that grid with a place inside it; the phone's location (emulated)
 * is resolved to community and grid; the hub's refusals (422 outside, 415 not an image, 429 with
 * Retry-After) are shown next to their field or the submit button; a rating refused with 409 reloads the
 * tracked case; a logged-in grid worker closes a small matter on the spot (现场办结).
 */
class CaseReportFormBrowserIT {

    /** A point outside every community of the fixture. */
    private static final double[] OUTSIDE = {114.10, 22.60};
    @RegisterExtension
    static final HubExtension hub = CaseUi.extension();
    private static CaseRequests cases;

    @BeforeAll
    static void start() throws Exception {
        cases = CaseUi.gridsAndStaff(hub);
    }

    @Test
    void theGridQrLinkOpensTheFormOnThatGrid() throws Exception {
        String link = qrLink("ita-g2");
        assertThat(link).isEqualTo(hub.baseUrl() + "/?report=1&grid=ita-g2");
        try (Browser b = Browser.phone(390, 844)) {
            b.clientAddress("10.51.0.1");
            b.open(link, WAIT);
            b.waitVisible(WAIT, "#report-form");
            assertThat(b.find("#view-report").getAttribute("aria-selected")).isEqualTo("true");
            WebElement qr = b.waitVisible(WAIT, "[data-testid=report-qr-grid]");
            assertThat(qr.getAttribute("data-grid")).isEqualTo("ita-g2");
            assertThat(CaseUi.awaitPlaceGrid(b)).as("a place inside the QR code's grid").isEqualTo("ita-g2");
            b.waitFor(WAIT, "the grid's name", d -> qr.getText().contains("甲二网格"));
            assertOnScreenAboveSheet(b, 114.0545, 22.543);
            // read in the wait: the labels are drawn again as the map moves
            String label = b.waitFor(WAIT, "grid labels", d -> b.findAll(".grid-label [data-grid=ita-g1]").stream()
                    .findFirst().map(e -> e.getAttribute("textContent")).orElse(null));
            assertThat(label).as("the public page shows grids without counts").isEqualTo("甲一网格");
            assertThat(b.find("#report-onspot").isDisplayed()).as("on-the-spot closing is for grid workers").isFalse();

            new Select(b.find("#report-category")).selectByValue("facility_damage");
            b.find("#report-description").sendKeys("东门路灯不亮，晚上很黑");
            b.find("[data-testid=report-photos-input]").sendKeys(CaseUi.png(new Color(60, 60, 140)).toString());
            b.waitFor(WAIT, "the photo's preview", d -> CaseUi.loadedImages(b, "[data-testid=report-photos-thumbs]") == 1);
            b.js("document.getElementById('panel-body').scrollTop = 0;");
            b.screenshot("cases-report-phone");
            b.find("#report-submit").click();
            assertThat(b.waitVisible(WAIT, "#report-done").getAttribute("data-grid")).isEqualTo("ita-g2");
            assertThat(b.consoleErrors()).isEmpty();
        }
    }

    @Test
    void refusalsAreShownNextToTheirFieldsAndA429SaysWhenToRetry() throws Exception {
        Path notAnImage = Files.createTempFile("hub-not-an-image-", ".png");
        Files.writeString(notAnImage, "this is text, not a PNG", StandardCharsets.UTF_8);
        String client = "10.52.0.1";
        try (Browser b = Browser.phone(390, 844)) {
            b.clientAddress(client);
            b.open(hub.baseUrl() + "/#report", WAIT);
            b.click(WAIT, "#report-submit");
            for (String field : List.of("category", "description", "place")) {
                b.waitVisible(WAIT, "#report-form .field-error[data-field=" + field + "]");
            }

            b.standAt(hub.baseUrl(), OUTSIDE[0], OUTSIDE[1]);
            b.click(WAIT, "#report-locate");
            assertThat(CaseUi.awaitPlaceGrid(b)).isEmpty();
            assertThat(b.text("[data-testid=report-place-name]")).isEqualTo("该位置不在本街道的社区范围内");
            new Select(b.find("#report-category")).selectByValue("safety_hazard");
            b.find("#report-description").sendKeys("楼道堆放杂物");
            b.click(WAIT, "#report-submit");
            WebElement place = b.waitVisible(WAIT, "#report-form .field-error[data-field=place]");
            b.waitFor(WAIT, "the hub's 422 next to the place", d -> "422".equals(place.getAttribute("data-status")));

            b.standAt(hub.baseUrl(), IN_GRID_A[0], IN_GRID_A[1]);
            b.click(WAIT, "#report-locate");
            assertThat(CaseUi.awaitPlaceGrid(b)).isEqualTo("ita-g1");
            assertThat(b.find("#report-form .field-error[data-field=place]").isDisplayed()).isFalse();
            b.find("[data-testid=report-photos-input]").sendKeys(notAnImage.toString());
            b.waitFor(WAIT, "the file's preview", d -> b.findAll("[data-testid=report-photos-thumbs] figure").size() == 1);
            b.click(WAIT, "#report-submit");
            WebElement photo = b.waitVisible(WAIT, "#report-form .field-error[data-field=photo]");
            assertThat(photo.getAttribute("data-status")).isEqualTo("415");
            assertThat(photo.getText()).contains("JPEG");
            assertThat(hub.column("SELECT count(*) FROM hub_case WHERE description = '楼道堆放杂物'")).containsExactly(0L);

            b.click(WAIT, "[data-testid=report-photos-thumbs] figure button");
            b.click(WAIT, "#report-submit");
            b.waitVisible(WAIT, "#report-done");
            assertThat(hub.column("SELECT grid_code FROM hub_case WHERE description = '楼道堆放杂物'")).containsExactly("ita-g1");

            exhaustReportsOf(client);
            new Select(b.find("#report-category")).selectByValue("noise");
            b.find("#report-description").sendKeys("夜间施工");
            b.click(WAIT, "#report-locate");
            assertThat(CaseUi.awaitPlaceGrid(b)).isEqualTo("ita-g1");
            b.click(WAIT, "#report-submit");
            WebElement error = b.waitVisible(WAIT, "#report-error");
            // the seconds left of the client's 10-minute window, shown in whole minutes
            int retryAfter = Integer.parseInt(error.getAttribute("data-retry-after"));
            assertThat(retryAfter).isBetween(1, 600);
            assertThat(error.getText()).contains((retryAfter + 59) / 60 + " 分钟后");
            assertThat(b.consoleErrors()).allMatch(e -> e.contains("status of 4")); // the refused requests themselves
        }
    }

    @Test
    void aRatingRefusedAs409ReloadsTheTrackedCase() throws Exception {
        var filed = new JsonObject(cases.json("/api/v1/cases", null, "10.53.0.1", JsonObject.mapFrom(
                CaseRequests.report("other", "共享单车乱停", IN_GRID_A))).body());
        long id = filed.getLong("id");
        String code = filed.getString("tracking_code");
        String disp = cases.token("disp");
        String worker = cases.token("wa1");
        for (String[] step : new String[][] {{"accept", disp}, {"handle", worker}, {"close", disp}}) {
            var r = hub.post("/api/v1/cases/" + id + "/" + step[0], step[1], new JsonObject().put("note", "已挪走").encode());
            assertThat(r.statusCode()).as(step[0] + ": " + r.body()).isEqualTo(200);
        }
        try (Browser b = Browser.phone(390, 844)) {
            b.open(hub.baseUrl() + "/#report", WAIT);
            b.find("#track-code").sendKeys(code.toLowerCase(java.util.Locale.ROOT), org.openqa.selenium.Keys.ENTER);
            String item = "#my-reports [data-tracking-code='" + code + "']";
            b.waitVisible(WAIT, item + " [data-testid=rating-form]");
            assertThat(b.text(item + " [data-testid=track-status]")).isEqualTo("已办结");
            var rated = cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.53.0.1",
                    new JsonObject().put("score", 2));
            assertThat(rated.statusCode()).isEqualTo(200);
            b.click(WAIT, item + " [data-score='4']");
            b.click(WAIT, item + " [data-testid=rating-submit]");
            b.waitFor(WAIT, "the stored rating after the 409", d -> b.findAll(item + " [data-testid=track-rated][data-score='2']")
                    .size() == 1);
            assertThat(b.text("#toast")).contains("无法评价");
        }
    }

    @Test
    void aGridWorkerClosesASmallMatterOnTheSpot() throws Exception {
        try (Browser b = Browser.phone(390, 844)) {
            CaseUi.logIn(b, hub.baseUrl(), "wb1");
            b.click(WAIT, "#view-report");
            b.waitVisible(WAIT, "#report-onspot");
            new Select(b.find("#report-category")).selectByValue("facility_damage");
            b.find("#report-description").sendKeys("井盖松动");
            b.standAt(hub.baseUrl(), IN_GRID_B[0], IN_GRID_B[1]);
            b.click(WAIT, "#report-locate");
            assertThat(CaseUi.awaitPlaceGrid(b)).isEqualTo("ita-g2");
            b.click(WAIT, "#report-onspot-check");
            b.find("#report-onspot-note").sendKeys("已现场固定");
            b.click(WAIT, "#report-submit");
            assertThat(b.waitVisible(WAIT, "#report-form .field-error[data-field=after_photo]").getText())
                    .as("closing on the spot needs an after-photo").contains("处理后照片");
            assertThat(hub.column("SELECT count(*) FROM hub_case WHERE description = '井盖松动'")).containsExactly(0L);
            b.find("[data-testid=report-after-input]").sendKeys(CaseUi.png(new Color(120, 80, 40)).toString());
            b.waitFor(WAIT, "the after-photo's preview", d -> CaseUi.loadedImages(b, "[data-testid=report-after-thumbs]") == 1);
            b.click(WAIT, "#report-submit");
            assertThat(b.waitVisible(WAIT, "#report-done").getText()).contains("已现场办结");
        }
        List<Object> row = hub.column("SELECT status || ' ' || reporter || ' ' || assignee || ' ' || (SELECT count(*)"
                + " FROM case_photo p WHERE p.case_id = c.id) FROM hub_case c WHERE description = '井盖松动'");
        assertThat(row).containsExactly("closed wb1 wb1 1");
        assertThat(hub.column("SELECT string_agg(h.action || ':' || h.actor, ',' ORDER BY h.id) FROM case_history h"
                + " JOIN hub_case c ON c.id = h.case_id WHERE c.description = '井盖松动'"))
                .as("one operation, each step in the history").containsExactly("submit:wb1,handle:wb1,close:wb1");
    }

    /** Anonymous reports from {@code client} until the hub answers 429 (bad ones: nothing is stored). */
    private static void exhaustReportsOf(String client) throws Exception {
        // refused reports have their own allowance of 50 attempts in 10 minutes (stored ones 10)
        for (int i = 0; i < 60; i++) {
            if (cases.json("/api/v1/cases", null, client, new JsonObject()).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("no 429 after 60 reports from " + client);
    }

    private static void assertOnScreenAboveSheet(Browser b, double lon, double lat) {
        b.waitFor(WAIT, "the grid in view above the sheet", d -> Boolean.TRUE.equals(b.js("""
                const p = window.hubTest.containerPoint(arguments[0], arguments[1]);
                const map = document.getElementById('map').getBoundingClientRect();
                const sheet = document.getElementById('panel').getBoundingClientRect();
                return p.x > 0 && p.x < map.width && p.y > 0 && map.top + p.y < sheet.top;""", lon, lat)));
    }

    private static String qrLink(String grid) throws Exception {
        byte[] png = cases.bytes("/api/v1/grids/" + grid + "/qr.png", null).body();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
                image.getHeight(), pixels))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
