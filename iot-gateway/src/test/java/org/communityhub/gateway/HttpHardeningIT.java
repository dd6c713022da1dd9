package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, the low findings on the HTTP side: {@code /metrics} only for direct loopback peers or
 * with {@code HUB_METRICS_TOKEN}; a page CSP without wildcard schemes (WebSockets only to the page's
 * host, images only from the hub and the tile host) and with {@code form-action}; and event counts
 * bounded in buckets per query.
 */
class HttpHardeningIT {

    private static final String METRICS_TOKEN = "metrics-token-0123456789";

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void metricsAreForLoopbackPeersOnly() throws Exception {
        assertThat(metrics(hub.baseUrl(), Map.of()).statusCode()).as("from 127.0.0.1").isEqualTo(200);
        HttpResponse<String> proxied = metrics(hub.baseUrl(), Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(proxied.statusCode()).as("through a proxy on this host").isEqualTo(403);
        assertThat(new JsonObject(proxied.body()).getJsonObject("error").getString("code")).isEqualTo("forbidden");
        Optional<String> lan = nonLoopbackAddress();
        if (lan.isPresent()) {
            String direct = "http://" + lan.get() + ":" + hub.app().httpPort();
            assertThat(metrics(direct, Map.of()).statusCode()).as("from " + lan.get()).isEqualTo(403);
            assertThat(hub.http().send(HttpRequest.newBuilder(URI.create(direct + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("/health stays public").isIn(200, 503);
        } else {
            System.out.println("HttpHardeningIT: no non-loopback interface here; checked the forwarded case only");
        }
    }

    @Test
    void withAMetricsTokenOtherPeersMayReadThemWithIt() throws Exception {
        try (HubFixture withToken = HubFixture.start(Map.of("HUB_METRICS_TOKEN", METRICS_TOKEN))) {
            Map<String, String> proxied = Map.of("X-Forwarded-For", "203.0.113.9");
            assertThat(metrics(withToken.baseUrl(), proxied).statusCode()).isEqualTo(403);
            assertThat(metrics(withToken.baseUrl(), Map.of("X-Forwarded-For", "203.0.113.9",
                    "Authorization", "Bearer wrong-token-0123456789")).statusCode()).isEqualTo(403);
            HttpResponse<String> ok = metrics(withToken.baseUrl(), Map.of("X-Forwarded-For", "203.0.113.9",
                    "Authorization", "Bearer " + METRICS_TOKEN));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("hub_stream_connections");
            assertThat(metrics(withToken.baseUrl(), Map.of()).statusCode()).as("loopback, no token").isEqualTo(200);
        }
    }

    @Test
    void thePagePolicyNamesItsSourcesExactly() throws Exception {
        HttpResponse<String> page = hub.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String host = "127.0.0.1:" + hub.app().httpPort();
        assertThat(csp).contains("connect-src 'self' ws://" + host + " wss://" + host + ";")
                .contains("img-src 'self' data: blob: https://tile.openstreetmap.org;")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").contains("base-uri 'self'")
                .contains("object-src 'none'").contains("script-src 'self';");
        for (String wildcard : new String[] {" ws:", " wss:", " http:", " https:", " *"}) {
            assertThat(csp).as("no bare " + wildcard).doesNotContain(wildcard + " ").doesNotContain(wildcard + ";");
        }
    }

    @Test
    void eventCountsAreBoundedInBucketsPerQuery() throws Exception {
        String guard = hub.login("counter", Role.SECURITY, "ita");
        String year = "from=2025-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";
        HttpResponse<String> tooMany = hub.get("/api/v1/events/counts?" + year + "&bucket=60", guard);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(tooMany.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("bad_parameter");
        assertThat(error.getString("message")).contains("'bucket'").contains("10080");
        assertThat(hub.get("/api/v1/events/counts?" + year + "&bucket=3600", guard).statusCode())
                .as("a year in hours").isEqualTo(200);
        assertThat(hub.get("/api/v1/events/counts?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z&bucket=60", guard)
                .statusCode()).as("a week in minutes").isEqualTo(200);
    }

    private static HttpResponse<String> metrics(String baseUrl, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return hub.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<String> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }
}
