package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.PrivateNginx;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.TestMbtiles;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production recipe for real: Debian's nginx with {@code docs/nginx/communityhub.conf} and a
 * self-signed certificate in front of a hub that trusts only that proxy ({@code HUB_TRUSTED_PROXIES}).
 * Over https: login, the live stream as wss, the map page, the offline basemap's tiles, the http → https
 * redirect. Login throttling sees each client behind the proxy by its own address, whatever X-Forwarded-For
 * a client sends, and a client talking to the hub directly cannot pick its address with that header either.
 */
class NginxProxyIT {

    /** nginx connects to the hub from here; direct clients come from 127.0.0.1. */
    private static final String PROXY = "127.0.0.2";
    private static final String CLIENT_A = "127.0.0.3";
    private static final String CLIENT_B = "127.0.0.4";
    /** Far above the hub's limit of failed logins per (address, username). */
    private static final int MAX_ATTEMPTS = 200;

    @TempDir
    static Path dir;
    /** The offline basemap's file (written before the hub starts; removed after the class). */
    private static Path basemap;
    @RegisterExtension
    static final HubExtension hub = HubExtension.with(() -> {
        basemap = TestMbtiles.coloured(Files.createTempFile("hub-nginx-", ".mbtiles"), "底图", "© test");
        return Map.of("HUB_TRUSTED_PROXIES", PROXY, "HUB_BASEMAP_MBTILES", basemap.toString());
    });
    private static PrivateNginx nginx;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        nginx = PrivateNginx.start(dir, hub.app().httpPort(), PROXY);
        tls = nginx.sslContext();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        Files.deleteIfExists(basemap);
    }

    @Test
    void theOfflineBasemapsTilesPassThroughWithTheirTypeAndEtag() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        URI tile = URI.create(nginx.httpsUrl() + "/basemap/1/1/0.png");
        HttpResponse<byte[]> first = https.send(HttpRequest.newBuilder(tile).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(first.body()).isEqualTo(TestMbtiles.png(TestMbtiles.colour(1, 1, 0)));
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertThat(https.send(HttpRequest.newBuilder(tile).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(304);
    }

    @Test
    void loginStreamAndMapPageWorkOverHttps() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        String guard = login(https, "guard-tls", Role.SECURITY, "ita");

        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(page.headers().firstValue("content-security-policy")).isPresent();
        assertThat(page.headers().firstValue("strict-transport-security")).isPresent();
        // compressed for a browser (issue 20), images as they are
        for (String path : new String[] {"/", "/js/i18n.js", "/collections"}) {
            HttpResponse<byte[]> zipped = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl() + path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.statusCode()).as(path).isEqualTo(200);
            assertThat(zipped.headers().firstValue("content-encoding")).as(path).hasValue("gzip");
            assertThat(zipped.body()).as(path + " is gzip").startsWith((byte) 0x1f, (byte) 0x8b);
        }
        HttpResponse<byte[]> icon = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl() + "/icons/icon-512.png"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("content-encoding")).as("a PNG is not compressed again").isEmpty();
        // the installable console through the proxy: the worker as JavaScript (scope / needs no extra header)
        // and the manifest with its own type
        HttpResponse<String> worker = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl() + "/sw.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        HttpResponse<String> manifest = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl()
                + "/manifest.webmanifest")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/manifest+json"));

        HttpResponse<String> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(nginx.httpUrl() + "/?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("location")).hasValue("https://127.0.0.1/?x=1");

        try (StreamClient stream = StreamClient.connect(https, nginx.httpsUrl(), guard, -1)) {
            TestDevice button = hub.device("ita-fb-2");
            MqttClient client = button.connect(hub.mqttUrl());
            try {
                button.publish(client, TestDevice.payload("tls-fire-1", "fire.alarm", "{}"));
            } finally {
                client.disconnect();
                client.close();
            }
            JsonObject m = stream.next(Duration.ofSeconds(15), x -> x.getString("kind").equals("alert"));
            assertThat(m.getJsonObject("alert").getString("device")).isEqualTo("ita-fb-2");
        }
    }

    @Test
    void throttlingAndTheAuditLogSeeTheRealClientThroughTheProxyOnly() throws Exception {
        // Client A fails again and again, each time claiming another address: the proxy appends A's real
        // address, so the hub counts every failure against A until it throttles A.
        int[] attempt = {0};
        int failures = failuresUntilThrottled(() -> viaProxy(CLIENT_A, "ghost", "198.51.100." + attempt[0]++ % 250));
        assertThat(viaProxy(CLIENT_B, "ghost", null)).as("another client behind the same proxy, after A's %d failures",
                failures).isEqualTo(401);

        // A direct client is not a trusted proxy: its X-Forwarded-For is ignored, so it cannot escape either.
        failuresUntilThrottled(() -> direct("phantom", "203.0.113." + attempt[0]++ % 250));
        assertThat(direct("phantom", CLIENT_B)).isEqualTo(429);
        assertThat(viaProxy(CLIENT_B, "phantom", null)).as("the proxy's clients are not the direct one").isEqualTo(401);

        // The audit log records the client behind the proxy.
        String admin = hub.login("admin-tls", Role.ADMIN, null);
        String body = "{\"username\":\"clerk\",\"password\":\"long-enough-pass\",\"role\":\"security\",\"community\":\"ita\"}";
        String created = https(CLIENT_A, "POST", "/api/v1/admin/users", admin, body, "10.9.9.9");
        assertThat(created).startsWith("HTTP/1.1 200");
        String audit = https(CLIENT_B, "GET", "/api/v1/admin/audit?object_type=user&object_id=clerk", admin, null, null);
        assertThat(audit).contains("\"remote\":\"" + CLIENT_A + "\"").doesNotContain("10.9.9.9");
    }

    /** Repeats a failing login until it is throttled (429); returns the failures (401) before that. */
    private static int failuresUntilThrottled(LoginAttempt attempt) throws IOException {
        for (int failures = 0; failures < MAX_ATTEMPTS; failures++) {
            int status = attempt.status();
            if (status == 429) {
                assertThat(failures).as("throttled only after some failures").isPositive();
                return failures;
            }
            assertThat(status).as("attempt %d", failures + 1).isEqualTo(401);
        }
        throw new AssertionError("still not throttled after " + MAX_ATTEMPTS + " failed logins");
    }

    @FunctionalInterface
    private interface LoginAttempt {
        int status() throws IOException;
    }

    /**
     * 现场办结 in one request through the proxy: 3 photos and 3 after-photos of almost 5 MiB each (30 MiB with the
     * form, past the 20 MiB the other requests may send) are filed and closed.
     */
    @Test
    void anOnTheSpotClosingWithSixFullSizePhotosPassesTheProxy() throws Exception {
        CaseRequests cases = new CaseRequests(hub.fixture());
        cases.importGrids();
        String admin = hub.login("admin-six", Role.ADMIN, null);
        HttpResponse<String> saved = cases.saveUser(admin, "wb-six", "grid_worker", null, List.of("ita-g2"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        byte[] big = CaseRequests.noisePng(1280, 1270, 6);
        assertThat(big.length).as("a photo just under 5 MiB").isBetween(4_800_000, 5 * 1024 * 1024);
        Map<String, String> fields = new java.util.HashMap<>(CaseRequests.report("facility_damage", "六张照片",
                CaseRequests.IN_GRID_B));
        fields.put("close_on_spot", "true");
        fields.put("note", "已修好");
        HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> filed = CaseRequests.multipart(https, URI.create(nginx.httpsUrl() + "/api/v1/cases"),
                cases.token("wb-six"), null, fields, List.of(big, big, big), List.of(big, big, big));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonObject c = new JsonObject(filed.body());
        assertThat(c.getString("status")).isEqualTo("closed");
        assertThat(hub.fixture().column("SELECT string_agg(stage, ',' ORDER BY n) FROM case_photo WHERE case_id = "
                + c.getLong("id"))).containsExactly("report,report,report,handled,handled,handled");
    }

    private String login(HttpClient https, String username, Role role, String community) throws Exception {
        hub.login(username, role, community); // creates the user (directly); then log in through nginx
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(nginx.httpsUrl() + "/api/v1/login"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + HubFixture.PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private int viaProxy(String from, String username, String forwardedFor) throws IOException {
        return status(https(from, "POST", "/api/v1/login", null, credentials(username), forwardedFor));
    }

    private int direct(String username, String forwardedFor) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", hub.app().httpPort()), 5000);
            return status(exchange(s, "POST", "/api/v1/login", null, credentials(username), forwardedFor));
        }
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"wrong-password\"}";
    }

    /** One HTTPS request through nginx from the loopback address {@code from}, as a distinct client would. */
    private String https(String from, String method, String path, String token, String body, String forwardedFor)
            throws IOException {
        try (Socket s = tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), nginx.httpsPort(),
                InetAddress.getByName(from), 0)) {
            s.setSoTimeout(15_000);
            return exchange(s, method, path, token, body, forwardedFor);
        }
    }

    private static String exchange(Socket s, String method, String path, String token, String body,
                                   String forwardedFor) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Length: " + content.length + "\r\n");
        if (body != null) {
            req.append("Content-Type: application/json\r\n");
        }
        if (token != null) {
            req.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (forwardedFor != null) {
            req.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        StringBuilder response = new StringBuilder();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            response.append(line).append('\n');
        }
        return response.toString();
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
