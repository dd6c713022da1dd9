package org.communityhub.gateway.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through /usr/bin/chromedriver (never downloaded: the
 * driver path is set, Selenium Manager stays offline), with a fresh profile directory, an
 * emulated viewport, {@code window.alert} recorded instead of shown, and the page's console
 * errors collected. Starting one costs a second or two; not thread-safe (one test thread).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use raw CDP commands only. */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).peek(l -> l.setLevel(Level.SEVERE)).toList();

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A desktop browser with a {@code width}×{@code height} viewport. */
    static Browser desktop(int width, int height) {
        return start(width, height, false);
    }

    /** A phone: {@code width}×{@code height} CSS pixels, device pixel ratio 2, touch. */
    static Browser phone(int width, int height) {
        return start(width, height, true);
    }

    private static Browser start(int width, int height, boolean mobile) {
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("hub-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--lang=zh-CN",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
            if (mobile) {
                driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
            }
            // headless Chromium grants geolocation by default and would ask Google's network location service
            // (no internet here: a console error); until a test stands somewhere (standAt), there is no position
            driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of());
            // a dialog would block the page: record window.alert calls instead, for the escaping checks
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return new Browser(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Sends every request as if from {@code address} (X-Forwarded-For; the hub must trust 127.0.0.1 as a proxy). */
    void clientAddress(String address) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", address)));
    }

    /** Grants {@code origin} the geolocation permission and makes the device stand at a WGS-84 point. */
    void standAt(String origin, double lon, double lat) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("geolocation")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon,
                "accuracy", 10));
    }

    /** Grants {@code origin} the notification permission, as a guard who allowed the console's notifications. */
    void grantNotifications(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("notifications")));
    }

    /** Fails every request whose URL matches one of {@code patterns} (CDP wildcards, e.g. {@code "*firstview-*"}). */
    void block(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** Empties the browser's HTTP cache (a service worker's Cache Storage stays), so a reload needs the network. */
    void clearHttpCache() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    /** Saves the page's downloads into {@code dir} without asking. */
    void downloadsTo(Path dir) {
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", dir.toAbsolutePath().toString()));
    }

    /** Navigates and waits until {@code body[data-ready=true]}; returns ms from navigation start to ready. */
    long open(String url, Duration timeout) {
        driver.get(url);
        waitFor(timeout, "body[data-ready=true] at " + url, d -> {
            String ready = d.findElement(By.tagName("body")).getAttribute("data-ready");
            if ("error".equals(ready)) {
                throw new AssertionError("the page failed to start: " + text("#toast"));
            }
            return "true".equals(ready);
        });
        Object ms = js("return window.hubTest && window.hubTest.readyMs;");
        if (!(ms instanceof Number n)) {
            throw new AssertionError("window.hubTest.readyMs is missing");
        }
        return n.longValue();
    }

    /** Waits until {@code condition} returns non-null/non-false, or fails naming {@code what}. */
    <T> T waitFor(Duration timeout, String what, Function<WebDriver, T> condition) {
        return waitFor(timeout, () -> what, condition);
    }

    /** As {@link #waitFor(Duration, String, Function)}, describing the failure only when it happens. */
    <T> T waitFor(Duration timeout, Supplier<String> what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.withMessage(() -> what.get() + " (console errors: " + consoleErrors() + ")");
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition::apply);
    }

    WebElement waitVisible(Duration timeout, String css) {
        return waitFor(timeout, css + " to be shown", d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Clicks the first shown match of {@code css}, finding it again if the page re-renders it meanwhile. */
    void click(Duration timeout, String css) {
        waitFor(timeout, "a clickable " + css, d -> {
            WebElement e = d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            if (e == null) {
                return false;
            }
            e.click();
            return true;
        });
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * The text of the first match of {@code css}, or "" when there is none. Found again when the page re-renders
     * it between the finding and the reading (the installer's device card is redrawn on every device change).
     */
    String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WebElement> found = findAll(css);
                return found.isEmpty() ? "" : found.get(0).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script in the page: it ends by calling its last argument with the result (script timeout 10 s). */
    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Clicks (taps) the map at a WGS-84 point, which must be inside the visible map. */
    void tapMap(double lon, double lat) {
        settledView(Duration.ofSeconds(10)); // a point worked out during a zoom or pan animation is not where it is drawn
        Map<?, ?> p = (Map<?, ?>) js("return window.hubTest.containerPoint(arguments[0], arguments[1]);", lon, lat);
        WebElement map = find("#map");
        int x = ((Number) p.get("x")).intValue();
        int y = ((Number) p.get("y")).intValue();
        Dimension size = map.getSize();
        if (x < 0 || y < 0 || x >= size.getWidth() || y >= size.getHeight()) {
            throw new AssertionError("point " + lon + "," + lat + " is outside the map view: " + x + "," + y);
        }
        new Actions(driver).moveToElement(map, x - size.getWidth() / 2, y - size.getHeight() / 2).click().perform();
    }

    /**
     * The map's view [lon, lat, zoom] once no zoom animation runs (Leaflet's {@code leaflet-zoom-anim} on the map
     * pane) and two looks one poll (100 ms) apart agree: a pan animation or a fit that waited for a zoom's end moves
     * the view between the looks.
     */
    List<Double> settledView(Duration timeout) {
        List<List<Double>> last = new ArrayList<>(List.of(List.of()));
        return waitFor(timeout, () -> "the map to settle (last view " + last.get(0) + ")", d -> {
            List<Double> now = ((List<?>) js("return document.querySelector('#map .leaflet-map-pane')"
                    + ".classList.contains('leaflet-zoom-anim') ? [] : window.hubTest.view();")).stream()
                    .map(v -> ((Number) v).doubleValue()).toList();
            boolean same = !now.isEmpty() && now.equals(last.get(0));
            last.set(0, now);
            return same ? now : null;
        });
    }

    /**
     * The RGBA of the map's vector canvas at a WGS-84 point (the polygons are drawn on a canvas,
     * so this is how a test sees what colour an area has); alpha 0 where nothing is drawn.
     */
    List<Long> canvasPixel(double lon, double lat) {
        Object rgba = js("""
                const p = window.hubTest.containerPoint(arguments[0], arguments[1]);
                const m = document.getElementById('map').getBoundingClientRect();
                const cx = m.left + p.x, cy = m.top + p.y;
                for (const c of document.querySelectorAll('#map canvas')) {
                  const r = c.getBoundingClientRect();
                  if (cx < r.left || cy < r.top || cx >= r.right || cy >= r.bottom) { continue; }
                  const x = Math.floor((cx - r.left) * c.width / r.width);
                  const y = Math.floor((cy - r.top) * c.height / r.height);
                  return Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data);
                }
                return null;""", lon, lat);
        if (!(rgba instanceof List<?> l)) {
            throw new AssertionError("no vector canvas covers " + lon + "," + lat);
        }
        return l.stream().map(v -> ((Number) v).longValue()).toList();
    }

    /** {@code window.alert} calls the page made (recorded, never shown). */
    List<?> alertCalls() {
        Object calls = js("return window.__alerts || [];");
        return calls instanceof List<?> l ? l : List.of();
    }

    /**
     * Saves a PNG to {@code target/screenshots/NAME.png} and returns its path. A capture that times out (Chromium
     * waits for a compositor frame, which a machine busy with other test JVMs can delay past chromedriver's limit)
     * is tried once more: the picture is for the README, not what a test asserts.
     */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path shot;
            try {
                shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.ScriptTimeoutException e) {
                shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            }
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Console errors of the page so far (SEVERE entries), leaving out failed network requests for
     * map tiles, which the tests point at an unreachable address on purpose.
     */
    List<String> consoleErrors() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !isTileFailure(e.getMessage())) {
                consoleErrors.add(e.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /** {@link #consoleErrors()} without those containing one of {@code expected} (failures a test provokes). */
    private static boolean isTileFailure(String message) {
        return message.contains("127.0.0.1:9/") && (message.contains("net::ERR_") || message.contains("Failed to load"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // the temp profile stays behind; nothing else depends on it
                profile.toFile().deleteOnExit();
            }
        }
    }
}
