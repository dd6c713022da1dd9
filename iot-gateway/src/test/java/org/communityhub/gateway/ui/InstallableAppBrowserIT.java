package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installable console (issue 17): the manifest (Chinese-first names, PNG icons of the sizes it states) and the
 * service worker are served with the right types under the page's Content-Security-Policy; in real Chromium the
 * worker takes over the page and keeps its shell, never an API answer; with the hub stopped (connection refused) and
 * the browser's HTTP cache emptied, a reload still opens the page, logged in, showing the stream reconnecting. The
 * worker holds the build's bundle (hub-ui/dist, named in META-INF/hub-ui-bundle.json), the lazily loaded staff views
 * included.
 */
class InstallableAppBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final HubExtension hub = UiHub.extension();

    @BeforeAll
    static void users() throws Exception {
        hub.login("guard-o", Role.SECURITY, "ita");
    }

    @Test
    void theManifestIconsAndWorkerAreServedWithTheirTypes() throws Exception {
        HttpResponse<String> manifest = get("/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/manifest+json"));
        JsonObject m = new JsonObject(manifest.body());
        assertThat(m.getString("short_name")).isEqualTo("社区安保");
        assertThat(m.getString("name")).startsWith("社区");
        assertThat(m.getString("lang")).isEqualTo("zh-CN");
        assertThat(m.getString("display")).isEqualTo("standalone");
        assertThat(m.getString("scope")).isEqualTo("/");
        JsonArray icons = m.getJsonArray("icons");
        assertThat(icons.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < icons.size(); i++) {
            JsonObject icon = icons.getJsonObject(i);
            HttpResponse<byte[]> png = hub.http().send(HttpRequest.newBuilder(hub.uri(icon.getString("src"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).as(icon.encode()).isEqualTo(200);
            assertThat(png.headers().firstValue("content-type")).hasValue("image/png");
            ByteBuffer b = ByteBuffer.wrap(png.body());
            assertThat(b.getLong(0)).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
            assertThat(b.getInt(16) + "x" + b.getInt(20)).as("IHDR size of " + icon.getString("src"))
                    .isEqualTo(icon.getString("sizes"));
        }
        assertThat(icons.stream().map(o -> ((JsonObject) o).getString("sizes"))).contains("192x192", "512x512");

        HttpResponse<String> worker = get("/sw.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .contains("javascript"));
        assertThat(worker.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("default-src 'self'").doesNotContain("worker-src").doesNotContain("manifest-src"));
        assertThat(get("/").body()).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">");
    }

    @Test
    void theShellOpensWithTheHubGone() throws Exception {
        try (Browser phone = Browser.phone(390, 844)) {
            ConsoleUi.logIn(phone, hub.baseUrl(), "guard-o", WAIT);
            // the page's own files come as a few bundled ones (map-ui/build-ui.mjs), Leaflet's as five
            phone.waitFor(WAIT, "the worker to hold the shell", d -> phone.js("return window.hubTest.pwa().cached;")
                    instanceof Number n && n.intValue() >= 8);
            phone.waitFor(WAIT, "the worker controlling the page", d -> Boolean.TRUE.equals(
                    phone.js("return !!navigator.serviceWorker.controller;")));
            List<String> cached = ((List<?>) phone.js("return caches.keys().then(names => Promise.all(names.map(n =>"
                    + " caches.open(n).then(c => c.keys())))).then(all => all.flat().map(r => new URL(r.url).pathname));"))
                    .stream().map(String::valueOf).toList();
            assertThat(cached).contains("/", "/manifest.webmanifest", "/webjars/leaflet/1.9.4/dist/leaflet.js");
            JsonObject bundle = bundle();
            assertThat(cached).as("every file of the page's bundle, the staff views' chunk too")
                    .containsAll(bundle.getJsonArray("files").stream().map(f -> "/" + f).toList());
            assertThat(cached).as("no API answer, stream or map data is kept").noneMatch(p -> p.startsWith("/api/")
                    || p.startsWith("/collections") || p.startsWith("/tiles"));
            assertThat(phone.consoleErrors()).isEmpty();

            hub.fixture().stopHub();
            try {
                phone.clearHttpCache();
                phone.js("window.__beforeReload = true; location.reload();");
                phone.waitFor(WAIT, "the page started again without the hub", d -> !Boolean.TRUE.equals(
                        phone.js("return window.__beforeReload === true;"))
                        && "true".equals(phone.find("body").getAttribute("data-ready"))
                        && phone.find("#panel-console").isDisplayed());
                assertThat(phone.find("#view-console").getText()).isEqualTo("安保");
                assertThat(phone.find("#connection-status").getAttribute("data-state")).isIn("reconnecting", "offline");
                assertThat(phone.text("[data-testid=user-name]")).contains("guard-o");
                phone.screenshot("phone-offline-shell");
            } finally {
                hub.fixture().startHub();
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(hub.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The build's manifest of the page's bundle (map-ui/build-ui.mjs). */
    private static JsonObject bundle() throws IOException {
        try (InputStream in = InstallableAppBrowserIT.class.getClassLoader()
                .getResourceAsStream("META-INF/hub-ui-bundle.json")) {
            assertThat(in).as("META-INF/hub-ui-bundle.json on the class path").isNotNull();
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
