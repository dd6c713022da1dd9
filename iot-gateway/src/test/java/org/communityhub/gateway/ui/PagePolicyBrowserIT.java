package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's Content-Security-Policy in a real Chromium (issue 14): basemap tiles from the
 * configured tile host load, while an image from any other host and a WebSocket to another host are
 * blocked by the browser before a request leaves it.
 */
class PagePolicyBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** A 1×1 transparent PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static HttpServer tiles;
    private static HttpServer elsewhere;
    private static final AtomicInteger tileRequests = new AtomicInteger();
    private static final AtomicInteger otherRequests = new AtomicInteger();
    @RegisterExtension
    static final HubExtension hub = HubExtension.with(PagePolicyBrowserIT::startServers);

    /** Starts the tile host and the other host before the hub, which is configured with the tile host. */
    private static Map<String, String> startServers() throws Exception {
        tiles = server(tileRequests);
        elsewhere = server(otherRequests);
        return Map.of("HUB_TILE_URL", "http://127.0.0.1:" + tiles.getAddress().getPort() + "/{z}/{x}/{y}.png",
                "HUB_TILE_NAME", "local tiles");
    }

    @AfterAll
    static void stop() {
        if (tiles != null) {
            tiles.stop(0);
        }
        if (elsewhere != null) {
            elsewhere.stop(0);
        }
    }

    @Test
    void tilesLoadFromTheTileHostAndNothingElseLeavesThePage() {
        try (Browser b = Browser.desktop(1024, 700)) {
            b.open(hub.baseUrl() + "/", WAIT);
            b.waitFor(WAIT, "basemap tiles requested from the tile host", d -> tileRequests.get() > 0);
            b.waitFor(WAIT, "a loaded basemap tile", d -> Boolean.TRUE.equals(b.js(
                    "return Array.from(document.querySelectorAll('img.leaflet-tile'))"
                            + ".some(i => i.complete && i.naturalWidth > 0);")));

            String other = "127.0.0.1:" + elsewhere.getAddress().getPort();
            b.js("window.__violations = [];"
                    + "document.addEventListener('securitypolicyviolation',"
                    + " e => window.__violations.push(e.violatedDirective));"
                    + "const img = new Image(); img.src = 'http://" + other + "/x.png';"
                    + " document.body.appendChild(img);"
                    + "try { new WebSocket('ws://" + other + "/'); } catch (e) { window.__violations.push('ws:' + e.name); }");
            b.waitFor(WAIT, "the browser to refuse the image and the WebSocket", d -> {
                Object v = b.js("return window.__violations.join(' ');");
                boolean both = v instanceof String s && s.contains("img-src")
                        && (s.contains("connect-src") || s.contains("ws:"));
                return both ? v : null;
            });
            assertThat(otherRequests.get()).as("requests that reached the other host").isZero();
        }
    }

    private static HttpServer server(AtomicInteger requests) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        s.start();
        return s;
    }
}
