package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.report;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad reports (CONTRACT §7): 400 naming the field, 415 not an image (by content, whatever the part claims),
 * 413 a photo over 5 MiB, 422 outside every community, 429 with Retry-After past the per-client limit, 503 busy
 * while the hub already holds {@code HUB_CASE_UPLOADS_MAX} (here 1, i.e. 20 MiB) of requests with photos, counted
 * by their declared body size; and nothing half-stored after any of them. With a budget of one largest request,
 * every multipart test after another also proves the bytes come back when an answer has been sent. A phone that
 * disconnects while its photos wait for the {@code hub-photos} pool keeps its bytes held until that work settles, and
 * its report, whose photo work had not started when it left, is not filed; past the bound on reports waiting for that
 * pool, 503 busy. Those tests take every thread of the hub's {@code hub-photos} pool (shared by name) themselves.
 */
class CaseInputsIT {

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1",
            "HUB_CASE_UPLOADS_MAX", "1"));

    private static HubFixture hub;
    private static CaseRequests cases;

    @BeforeAll
    static void start() throws Exception {
        hub = HUB.fixture();
        cases = new CaseRequests(hub);
        cases.importGrids();
    }

    @Test
    void aBadFieldIs400NamingIt() throws Exception {
        long before = stored();
        assertField(without("category"), "category");
        assertField(with("category", "graffiti"), "category");
        assertField(without("description"), "description");
        assertField(with("description", "x".repeat(1001)), "description");
        assertField(with("lon", "east"), "lon");
        assertField(without("lat"), "lat");
        assertField(with("crs", "mercator"), "crs");
        assertField(with("contact", "call me"), "contact");
        HttpResponse<String> json = cases.json("/api/v1/cases", null, "10.4.0.9",
                JsonObject.mapFrom(report("noise", "吵", IN_GRID_A)).put("lon", "114.052x"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("'lon'");
        HttpResponse<String> four = cases.multipart("/api/v1/cases", null, "10.4.0.8", report("noise", "吵", IN_GRID_A),
                List.of(tinyJpeg(), tinyJpeg(), tinyJpeg(), tinyJpeg()));
        assertThat(four.statusCode()).isEqualTo(400);
        assertThat(four.body()).contains("'photo'");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aFullLengthChineseDescriptionFitsAMultipartReport() throws Exception {
        HttpResponse<String> r = cases.multipart("/api/v1/cases", null, "10.4.1.1",
                with("description", "垃".repeat(1000)), List.of(tinyJpeg()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void notAnImageIs415AndATooLargePhotoIs413() throws Exception {
        long before = stored();
        HttpResponse<String> text = cases.multipart("/api/v1/cases", null, "10.5.0.1", report("other", "看图", IN_GRID_A),
                List.of(tinyJpeg(), "GIF89a but really just text".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
        assertThat(text.body()).contains("photo");
        byte[] big = new byte[6 * 1024 * 1024];
        System.arraycopy(tinyJpeg(), 0, big, 0, 100);
        HttpResponse<String> large = cases.multipart("/api/v1/cases", null, "10.5.0.2",
                report("other", "大图", IN_GRID_A), List.of(big));
        assertThat(large.statusCode()).as(large.body()).isEqualTo(413);
        assertThat(large.body()).contains("photo");
        assertThat(stored()).as("nothing half-stored").isEqualTo(before);
    }

    @Test
    void aStepWithPhotosNeedsALogin() throws Exception {
        HttpResponse<String> r = cases.multipart("/api/v1/cases/1/handle", null, "10.5.1.1", Map.of("note", "done"),
                List.of(tinyJpeg()));
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void aPointOutsideEveryCommunityIs422() throws Exception {
        long before = stored();
        HttpResponse<String> r = cases.json("/api/v1/cases", null, "10.6.0.1",
                JsonObject.mapFrom(report("other", "远处", new double[] {114.0, 22.5})));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("outside_area");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anonymousReportsAreThrottledPerClient() throws Exception {
        String token = hub.login("disp", Role.DISPATCHER, "ita");
        // refused reports (400, 422, 415) do not use up the allowance of stored ones
        for (int i = 0; i < 4; i++) {
            JsonObject badCategory = JsonObject.mapFrom(with("category", "graffiti"));
            assertThat(cases.json("/api/v1/cases", null, "10.7.0.1", badCategory).statusCode()).isEqualTo(400);
            assertThat(cases.json("/api/v1/cases", null, "10.7.0.1",
                    JsonObject.mapFrom(report("other", "远处", new double[] {114.0, 22.5}))).statusCode()).isEqualTo(422);
            assertThat(cases.multipart("/api/v1/cases", null, "10.7.0.1", report("other", "看图", IN_GRID_A),
                    List.of("GIF89a".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(415);
        }
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 11; i++) {
            last = cases.json("/api/v1/cases", null, "10.7.0.1", JsonObject.mapFrom(report("other", "第" + i, IN_GRID_A)));
            if (last.statusCode() == 201) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(10);
        assertThat(last.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("the seconds left of the 10-minute window").isBetween(1L, 600L);
        assertThat(cases.json("/api/v1/cases", null, "10.7.0.2", JsonObject.mapFrom(report("other", "别人", IN_GRID_A)))
                .statusCode()).as("another client").isEqualTo(201);
        assertThat(cases.json("/api/v1/cases", token, "10.7.0.1", JsonObject.mapFrom(report("other", "员工", IN_GRID_A)))
                .statusCode()).as("staff with a token").isEqualTo(201);
    }

    @Test
    void aFloodOfRefusedReportsIsThrottledByItsOwnLargerAllowance() throws Exception {
        HttpResponse<String> last = null;
        int refused = 0;
        for (int i = 0; i < 51; i++) {
            last = cases.json("/api/v1/cases", null, "10.7.1.1", JsonObject.mapFrom(with("category", "graffiti")));
            if (last.statusCode() == 400) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(50);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void pastTheBoundOnUploadsHeldAtOnceTheAnswerIs503BusyUntilTheHeldOneEnds() throws Exception {
        AtomicReference<HttpResponse<String>> seen = new AtomicReference<>();
        // A body declared at 25 MB counts as the largest request (20 MiB): the whole budget of this hub.
        try (Socket stalled = stalledUpload("10.8.0.1", 25_000_000)) {
            HubFixture.await(Duration.ofSeconds(20), () -> "503 busy, last " + seen.get(), () -> {
                seen.set(badMultipart("10.8.0.2"));
                return seen.get().statusCode() == 503;
            });
            assertThat(new JsonObject(seen.get().body()).getJsonObject("error").getString("code")).isEqualTo("busy");
            assertThat(seen.get().headers().firstValue("Retry-After")).hasValue("5");
        }
        HubFixture.await(Duration.ofSeconds(20), () -> "the permit back after the close, last " + seen.get(), () -> {
            seen.set(badMultipart("10.8.0.3"));
            return seen.get().statusCode() != 503;
        });
        assertThat(seen.get().statusCode()).as(seen.get().body()).isEqualTo(400);
    }

    @Test
    void uploadsCountByTheirBodySizeSoSeveralOrdinaryReportsAreHeldAtOnce() throws Exception {
        // Two stalled uploads of a declared 3 MB count 4.5 MB each: 9 of the 20 MiB budget.
        AtomicReference<HttpResponse<String>> seen = new AtomicReference<>();
        AtomicInteger client = new AtomicInteger();
        try (Socket one = stalledUpload("10.8.1.1", 3_000_000); Socket two = stalledUpload("10.8.1.2", 3_000_000)) {
            // Both are held once a report of 10 MB (15 MB counted, which alone would fit) is turned away.
            HubFixture.await(Duration.ofSeconds(20), () -> "503 busy for 10 MB, last " + seen.get(), () -> {
                try {
                    seen.set(cases.multipart("/api/v1/cases", null, "10.8.2." + client.incrementAndGet(),
                            report("noise", "楼上很吵", IN_GRID_A), List.of(new byte[10_000_000])));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return seen.get().statusCode() == 503;
            });
            // A small report still fits beside them (a gate counting requests, at 1, would answer 503).
            HttpResponse<String> small = badMultipart("10.8.1.3");
            assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
            assertThat(small.body()).contains("'category'");
        }
    }

    @Test
    void aPhoneThatLeavesWhileItsPhotosWaitHoldsItsBytesUntilTheWorkSettlesAndFilesNothing() throws Exception {
        HubMetrics metrics = new HubMetrics(hub.baseUrl());
        HubFixture.await(Duration.ofSeconds(20), "earlier uploads given back",
                () -> metrics.value("hub_case_upload_bytes_held") == 0);
        long before = stored();
        long abandoned = metrics.value("hub_case_uploads_abandoned_total");
        int threads = hub.config().cases().photoThreads();
        // Every thread of the hub's own hub-photos pool (shared by name) busy until released: the report waits.
        try (PhotoPoolHeld held = holdPhotoPool(threads)) {
            try (Socket phone = chunkedReport("10.8.3.1")) {
                HubFixture.await(Duration.ofSeconds(20), "the report waiting for hub-photos",
                        () -> metrics.value("hub_case_photo_jobs") == 1);
                assertThat(metrics.value("hub_case_upload_bytes_held")).isEqualTo(HubConfig.Cases.UPLOAD_BYTES);
            }
            HubFixture.await(Duration.ofSeconds(20), "the hub saw the phone leave",
                    () -> metrics.value("hub_case_uploads_abandoned_total") == abandoned + 1);
            assertThat(metrics.value("hub_case_upload_bytes_held")).as("still held: the photos are still queued")
                    .isEqualTo(HubConfig.Cases.UPLOAD_BYTES);
            HttpResponse<String> next = badMultipart("10.8.3.2");
            assertThat(next.statusCode()).as(next.body()).isEqualTo(503);
        }
        HubFixture.await(Duration.ofSeconds(20), "the bytes back once the photo work settled",
                () -> metrics.value("hub_case_photo_jobs") == 0 && metrics.value("hub_case_upload_bytes_held") == 0);
        HttpResponse<String> after = badMultipart("10.8.3.3");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(400);
        assertThat(stored()).as("nothing filed for a phone that left before its photos were processed")
                .isEqualTo(before);
    }

    @Test
    void pastTheBoundOnReportsWaitingForThePhotoPoolTheAnswerIs503Busy() throws Exception {
        HubMetrics metrics = new HubMetrics(hub.baseUrl());
        int threads = hub.config().cases().photoThreads();
        int bound = org.communityhub.gateway.http.CaseRoutes.photoQueueBound(hub.config().cases().uploads(), threads);
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (PhotoPoolHeld held = holdPhotoPool(threads)) {
            for (int i = 0; i < bound; i++) {
                String client = "10.8.4." + (i + 1);
                waiting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return cases.multipart("/api/v1/cases", null, client, report("noise", "楼上很吵", IN_GRID_A),
                                List.of(tinyJpeg()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            HubFixture.await(Duration.ofSeconds(20), "the bound reached",
                    () -> metrics.value("hub_case_photo_jobs") == bound);
            HttpResponse<String> past = cases.multipart("/api/v1/cases", null, "10.8.5.1",
                    report("noise", "楼上很吵", IN_GRID_A), List.of(tinyJpeg()));
            assertThat(past.statusCode()).as(past.body()).isEqualTo(503);
            JsonObject error = new JsonObject(past.body()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("busy");
            assertThat(error.getString("message")).as("the pool's bound, not the bytes").contains("photos are waiting");
            assertThat(past.headers().firstValue("Retry-After")).hasValue("5");
        }
        for (CompletableFuture<HttpResponse<String>> w : waiting) {
            HttpResponse<String> r = w.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HubFixture.await(Duration.ofSeconds(20), "the pool drained", () -> metrics.value("hub_case_photo_jobs") == 0);
    }

    /** Every thread of the hub's own hub-photos pool (shared by name) kept busy until {@link PhotoPoolHeld#close}. */
    private static PhotoPoolHeld holdPhotoPool(int threads) throws InterruptedException {
        WorkerExecutor pool = hub.vertx().createSharedWorkerExecutor("hub-photos", threads);
        CountDownLatch running = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            pool.executeBlocking(() -> {
                running.countDown();
                return release.await(60, TimeUnit.SECONDS);
            }, false);
        }
        PhotoPoolHeld held = new PhotoPoolHeld(pool, release);
        if (!running.await(20, TimeUnit.SECONDS)) {
            held.close();
            throw new AssertionError("hub-photos not taken within 20 s");
        }
        return held;
    }

    /** Releases the held hub-photos threads. */
    private record PhotoPoolHeld(WorkerExecutor pool, CountDownLatch release) implements AutoCloseable {
        @Override
        public void close() {
            release.countDown();
            pool.close();
        }
    }

    /** A whole multipart report with one photo, chunked (so it counts the largest request), its answer never read. */
    private static Socket chunkedReport(String client) throws Exception {
        URI uri = hub.uri("/api/v1/cases");
        String boundary = "left-early";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : report("noise", "楼上很吵", IN_GRID_A).entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(tinyJpeg());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Socket phone = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = phone.getOutputStream();
        out.write(("POST /api/v1/cases HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-Forwarded-For: " + client
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.size()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body.toByteArray());
        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return phone;
    }

    /** A multipart report whose head and first bytes are sent, the rest of its declared body never. */
    private static Socket stalledUpload(String client, long contentLength) throws Exception {
        URI uri = hub.uri("/api/v1/cases");
        Socket stalled = new Socket(uri.getHost(), uri.getPort());
        String boundary = "stalled-upload";
        String head = "POST /api/v1/cases HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-Forwarded-For: " + client + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + contentLength
                + "\r\n\r\n" + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        OutputStream out = stalled.getOutputStream();
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(tinyJpeg());
        out.flush();
        return stalled;
    }

    private static HttpResponse<String> badMultipart(String client) {
        try {
            return cases.multipart("/api/v1/cases", null, client, without("category"), List.of(tinyJpeg()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertField(Map<String, String> fields, String field) throws Exception {
        HttpResponse<String> r = cases.multipart("/api/v1/cases", null, "10.4.0." + field.length(), fields, List.of());
        assertThat(r.statusCode()).as(field + ": " + r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).contains("'" + field + "'");
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> m = new HashMap<>(report("noise", "楼上很吵", IN_GRID_A));
        m.put(name, value);
        return m;
    }

    private static Map<String, String> without(String name) {
        Map<String, String> m = new HashMap<>(report("noise", "楼上很吵", IN_GRID_A));
        m.remove(name);
        return m;
    }

    /** Cases, history lines and photos stored so far. */
    private static long stored() throws Exception {
        return (Long) hub.column("SELECT (SELECT count(*) FROM hub_case) + (SELECT count(*) FROM case_history)"
                + " + (SELECT count(*) FROM case_photo)").get(0);
    }

    private static byte[] tinyJpeg() throws Exception {
        return CaseRequests.jpegWithExif();
    }
}
