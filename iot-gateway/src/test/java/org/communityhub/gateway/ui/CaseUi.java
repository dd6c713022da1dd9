package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.openqa.selenium.WebElement;

/**
 * The case pages' shared test steps (issue 16): a hub that trusts 127.0.0.1 as a proxy (so each browser
 * can report as its own client), the fixture's grids (ita-g1, ita-g2, itb-g1) with a dispatcher for the
 * whole subdistrict and a grid worker each for ita-g1 (wa1) and ita-g2 (wb1), real photo files, logins
 * through the page's form, and taps on the map past the phone's bottom sheet.
 */
final class CaseUi {

    static final Duration WAIT = Duration.ofSeconds(15);

    private CaseUi() {
    }

    static HubExtension extension() {
        return HubExtension.with(Map.of("HUB_TILE_URL", UiHub.DEAD_TILES, "HUB_TILE_NAME", "OSM (offline in tests)",
                "HUB_TRUSTED_PROXIES", "127.0.0.1"));
    }

    /** Imports the grids and saves the logins disp, wa1 (ita-g1) and wb1 (ita-g2); returns the request helper. */
    static CaseRequests gridsAndStaff(HubExtension hub) throws Exception {
        CaseRequests cases = new CaseRequests(hub.fixture());
        cases.importGrids();
        String root = hub.login("root", Role.ADMIN, null);
        assertThat(cases.saveUser(root, "disp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wa1", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wb1", "grid_worker", null, List.of("ita-g2")).statusCode()).isEqualTo(200);
        return cases;
    }

    /** A small real PNG photo in a temporary file. */
    static Path png(Color colour) {
        BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 120, 90);
        g.setColor(Color.WHITE);
        g.fillOval(30, 20, 60, 50);
        g.dispose();
        try {
            Path file = Files.createTempFile("hub-case-photo-", ".png");
            ImageIO.write(image, "png", file.toFile());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the cases view and signs in through the page's form as {@code username}. */
    static void logIn(Browser b, String baseUrl, String username) {
        b.open(baseUrl + "/#cases", WAIT);
        signIn(b, username);
    }

    /** Signs out and in again as another user, staying on the cases view. */
    static void switchUser(Browser b, String username) {
        b.click(WAIT, "#logout-button");
        signIn(b, username);
    }

    private static void signIn(Browser b, String username) {
        b.waitVisible(WAIT, "#login-form");
        b.find("#login-username").clear();
        b.find("#login-username").sendKeys(username);
        b.find("#login-password").sendKeys(HubFixture.PASSWORD);
        b.find("#login-submit").click();
        b.waitVisible(WAIT, "#panel-cases");
        b.waitFor(WAIT, "the case list loaded", d -> !b.findAll("#case-list > li").isEmpty());
        assertThat(b.text("[data-testid=user-name]")).contains(username);
    }

    /** The list row of a case, once shown. */
    static WebElement row(Browser b, long id) {
        return b.waitFor(WAIT, "case " + id + " in the list", d -> b.findAll("#case-list [data-case-id='" + id + "']")
                .stream().findFirst().orElse(null));
    }

    /** Opens a case from the list and waits for its card in {@code status}. */
    static void openCase(Browser b, long id, String status) {
        row(b, id).click();
        awaitCard(b, id, status);
    }

    static void awaitCard(Browser b, long id, String status) {
        b.waitFor(WAIT, () -> "the card of case " + id + " as " + status + " (is " + b.find("#case-card")
                .getAttribute("data-status") + ")", d -> String.valueOf(id).equals(b.find("#case-card")
                .getAttribute("data-case-id")) && status.equals(b.find("#case-card").getAttribute("data-status")));
    }

    /** Presses a step's button and, when it opens a form, submits it after {@code fill}. */
    static void step(Browser b, long id, String step, String status, Runnable fill) {
        b.click(WAIT, "#case-card [data-testid=case-action-" + step + "]");
        if (fill != null) {
            b.waitVisible(WAIT, "#case-card [data-testid=case-action-form]");
            fill.run();
            b.click(WAIT, "#case-card [data-testid=case-action-submit]");
        }
        awaitCard(b, id, status);
    }

    /** Images under {@code css} that have loaded (a real picture, not a broken one). */
    static long loadedImages(Browser b, String css) {
        return ((Number) b.js("return [...document.querySelectorAll(arguments[0] + ' img')]"
                + ".filter(i => i.complete && i.naturalWidth > 0).length;", css)).longValue();
    }

    /** Taps the map at a point with the bottom sheet folded away (as a phone user does), then unfolds it. */
    static void tapPastSheet(Browser b, double lon, double lat) {
        b.find("#panel-toggle").click();
        b.waitFor(WAIT, "the sheet folded", d -> "false".equals(b.find("#panel-toggle").getAttribute("aria-expanded")));
        b.tapMap(lon, lat);
        b.find("#panel-toggle").click();
        b.waitFor(WAIT, "the sheet unfolded", d -> b.find("#panel-body").isDisplayed());
    }

    /** The report form's place, once resolved to a grid (or to none: ""). */
    static String awaitPlaceGrid(Browser b) {
        return b.waitFor(WAIT, "the place resolved", d -> "resolved".equals(b.find("#report-place").getAttribute("data-state"))
                ? b.find("#report-place").getAttribute("data-grid") : null);
    }
}
