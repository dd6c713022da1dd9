package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;
import static org.communityhub.gateway.testing.CaseRequests.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's journeys against the real hub, PostGIS and photo re-encoding: a resident's 随手拍 report with
 * a photo goes round the closed loop to a rating; an overdue case is listed first; a grid worker sees only
 * its grids and a tracking code shows only its case, without staff names or contact. Also the case roles:
 * grid workers' grids and the subdistrict-wide dispatcher.
 */
class CasesIT {

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1"));

    private static HubFixture hub;
    private static CaseRequests cases;
    private static String root;
    private static String dispatcher;
    private static String workerA;
    private static String workerB;

    @BeforeAll
    static void start() throws Exception {
        hub = HUB.fixture();
        cases = new CaseRequests(hub);
        cases.importGrids();
        root = hub.login("root", Role.ADMIN, null);
        assertThat(cases.saveUser(root, "disp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> a = cases.saveUser(root, "wa1", "grid_worker", null, List.of("ita-g1"));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(new JsonObject(a.body()).getString("community")).as("the grid's community").isEqualTo("ita");
        assertThat(cases.saveUser(root, "wa9", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        assertThat(cases.saveUser(root, "wb1", "grid_worker", "ita", List.of("ita-g2")).statusCode()).isEqualTo(200);
        dispatcher = cases.token("disp");
        workerA = cases.token("wa1");
        workerB = cases.token("wb1");
    }

    @Test
    void gridWorkersNeedExistingGridsOfOneCommunity() throws Exception {
        HttpResponse<String> none = cases.saveUser(root, "wx", "grid_worker", null, List.of());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(cases.saveUser(root, "wx", "grid_worker", null, List.of("no-such-grid")).body())
                .contains("no-such-grid");
        HttpResponse<String> two = cases.saveUser(root, "wx", "grid_worker", null, List.of("ita-g1", "itb-g1"));
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("several communities");
        assertThat(cases.saveUser(root, "wx", "security", "ita", List.of("ita-g1")).statusCode()).isEqualTo(400);
        HttpResponse<String> list = hub.get("/api/v1/admin/users", root);
        JsonObject wa1 = new JsonObject(list.body()).getJsonArray("users").stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals("wa1")).findFirst().orElseThrow();
        assertThat(wa1.getJsonArray("grids")).containsExactly("ita-g1");
        assertThat(hub.column("SELECT count(*) FROM hub_user WHERE username = 'wx'")).containsExactly(0L);
    }

    @Test
    void journey1ResidentReportGoesRoundTheLoopToARating() throws Exception {
        HttpResponse<String> filed = cases.multipart("/api/v1/cases", null, "10.1.0.1",
                Map.of("category", "environment", "description", "垃圾桶满了，溢出到路上", "lon", String.valueOf(IN_GRID_A[0]),
                        "lat", String.valueOf(IN_GRID_A[1]), "contact", "13800138000"),
                List.of(CaseRequests.jpegWithExif()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonObject f = new JsonObject(filed.body());
        assertThat(f.getString("status")).isEqualTo("submitted");
        assertThat(f.getJsonObject("community").getString("code")).isEqualTo("ita");
        assertThat(f.getJsonObject("grid").getString("code")).isEqualTo("ita-g1");
        long id = f.getLong("id");
        String code = f.getString("tracking_code");

        List<Object> stored = hub.column("SELECT jpeg FROM case_photo WHERE case_id = " + id);
        assertThat(stored).hasSize(1);
        assertThat(CaseRequests.contains((byte[]) stored.get(0), "Exif")).as("EXIF stored").isFalse();
        assertThat(CaseRequests.contains((byte[]) stored.get(0), CaseRequests.EXIF_SECRET)).isFalse();

        JsonObject accepted = step(id, "accept", dispatcher, new JsonObject(), 200);
        assertThat(accepted.getString("status")).isEqualTo("assigned");
        assertThat(accepted.getString("assignee")).as("the grid's first worker by name").isEqualTo("wa1");
        assertThat(accepted.getString("deadline")).isNotNull();
        assertThat(cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.1.0.1",
                new JsonObject().put("score", 5)).statusCode()).as("rating before closed").isEqualTo(409);

        assertThat(step(id, "start", workerA, new JsonObject(), 200).getString("status")).isEqualTo("in_progress");
        HttpResponse<String> handled = cases.multipart("/api/v1/cases/" + id + "/handle", workerA, null,
                Map.of("note", "已清运"), List.of(CaseRequests.jpegWithExif()));
        assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
        assertThat(new JsonObject(handled.body()).getString("status")).isEqualTo("handled");
        assertThat(step(id, "close", workerB, new JsonObject(), 404).getJsonObject("error")).isNotNull();
        assertThat(step(id, "close", dispatcher, new JsonObject(), 200).getString("status")).isEqualTo("closed");

        JsonObject detail = new JsonObject(hub.get("/api/v1/cases/" + id, dispatcher).body());
        assertThat(detail.getString("contact")).isEqualTo("13800138000");
        assertThat(detail.getJsonArray("photos")).hasSize(2);
        assertThat(detail.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("actor")))
                .containsExactly(null, "disp", "wa1", "wa1", "disp");
        HttpResponse<byte[]> photo = cases.bytes("/api/v1/cases/" + id + "/photos/1", dispatcher);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("content-type")).contains("image/jpeg");
        assertThat(CaseRequests.contains(photo.body(), CaseRequests.EXIF_SECRET)).isFalse();

        HttpResponse<String> track = hub.get("/api/v1/cases/track/" + code, null);
        assertThat(track.statusCode()).isEqualTo(200);
        JsonObject t = new JsonObject(track.body());
        assertThat(t.getString("status")).isEqualTo("closed");
        assertThat(t.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("status")))
                .containsExactly("submitted", "assigned", "in_progress", "handled", "closed");
        assertNoStaffOrContact(track.body());
        assertThat(cases.bytes("/api/v1/cases/track/" + code + "/photos/2", null).statusCode()).isEqualTo(200);
        byte[] thumb = cases.bytes("/api/v1/cases/track/" + code + "/photos/2?thumbnail=true", null).body();
        assertThat(thumb).as("the tracking view's thumbnail is the stored one")
                .isEqualTo(hub.column("SELECT thumbnail FROM case_photo p JOIN hub_case c ON c.id = p.case_id "
                        + "WHERE c.tracking_code = '" + code + "' AND p.n = 2").get(0));

        HttpResponse<String> rated = cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.1.0.1",
                new JsonObject().put("score", 5).put("comment", "很快"));
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
        assertThat(new JsonObject(rated.body()).getJsonObject("rating").getInteger("score")).isEqualTo(5);
        assertThat(cases.json("/api/v1/cases/track/" + code + "/rating", null, "10.1.0.1",
                new JsonObject().put("score", 1)).statusCode()).as("a second rating").isEqualTo(409);

        HttpResponse<String> week = hub.get("/api/v1/reports/cases?period=week&community=ita", dispatcher);
        assertThat(week.statusCode()).as(week.body()).isEqualTo(200);
        JsonObject ita = new JsonObject(week.body()).getJsonArray("communities").getJsonObject(0);
        assertThat(ita.getString("community")).isEqualTo("ita");
        assertThat(ita.getLong("received")).isPositive();
        JsonObject g1 = ita.getJsonArray("grids").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("grid").equals("ita-g1")).findFirst().orElseThrow();
        assertThat(g1.getLong("closed")).as("the weekly report counts it").isEqualTo(1);
        assertThat(g1.getLong("closed_on_time")).isEqualTo(1);
        assertThat(g1.getDouble("mean_rating")).isEqualTo(5.0);
        assertThat(g1.getJsonObject("by_category").getLong("environment")).isEqualTo(1);
        String csv = hub.get("/api/v1/reports/cases?period=month&format=csv", dispatcher).body();
        assertThat(csv).startsWith("community,grid,received,closed,closed_on_time,overdue_open,median_hours_to_close,"
                + "mean_rating,environment").containsPattern("\\nita,ita-g1,\\d+,1,1,\\d+,[0-9.]+,5\\.00,1,");
        assertThat(hub.get("/api/v1/reports/cases?period=year", dispatcher).body()).contains("'period'");
        assertThat(hub.get("/api/v1/reports/cases", workerA).statusCode()).isEqualTo(403);
    }

    @Test
    void everyGridHasAQrCodeOfItsReportLink() throws Exception {
        HttpResponse<byte[]> png = cases.bytes("/api/v1/grids/ita-g1/qr.png", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).contains("image/png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        String text = new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(text).isEqualTo(hub.baseUrl() + "/?report=1&grid=ita-g1");
        assertThat(png.headers().firstValue("Cache-Control")).as("derived from the request: not for shared caches")
                .hasValue("private, max-age=3600");
        assertThat(png.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Host"));
        // without HUB_PUBLIC_URL: the Host named, and X-Forwarded-Proto from a trusted proxy (127.0.0.1 here)
        CaseQrLinkIT.Raw forged = CaseQrLinkIT.get(hub, "/api/v1/grids/ita-g1/qr.png", "other.example:8443", "https");
        assertThat(CaseQrLinkIT.decode(forged.body())).isEqualTo("https://other.example:8443/?report=1&grid=ita-g1");
        assertThat(forged.head()).containsIgnoringCase("cache-control: private").doesNotContainIgnoringCase("public");
        HttpResponse<String> svg = hub.get("/api/v1/grids/ita-g2/qr.svg", null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).startsWith("<svg");
        assertThat(hub.get("/api/v1/grids/nowhere/qr.svg", null).statusCode()).isEqualTo(404);
    }

    @Test
    void journey2AnOverdueCaseIsListedFirst() throws Exception {
        long late = file(IN_GRID_A, "10.2.0.1");
        long fresh = file(IN_GRID_A, "10.2.0.2");
        step(fresh, "accept", dispatcher, new JsonObject().put("deadline_hours", 72), 200);
        step(late, "accept", dispatcher, new JsonObject().put("deadline_hours", 1), 200);
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET deadline = now() - interval '2 hours' WHERE id = " + late);
        }
        JsonArray list = new JsonObject(hub.get("/api/v1/cases?community=ita", dispatcher).body()).getJsonArray("cases");
        JsonObject first = list.getJsonObject(0);
        assertThat(first.getLong("id")).isEqualTo(late);
        assertThat(first.getBoolean("overdue")).isTrue();
        assertThat(list.stream().map(JsonObject.class::cast).filter(o -> o.getLong("id") == fresh)
                .map(o -> o.getBoolean("overdue"))).containsExactly(false);
        JsonArray overdue = new JsonObject(hub.get("/api/v1/cases?overdue=true", dispatcher).body()).getJsonArray("cases");
        assertThat(overdue.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(late);
        assertThat(hub.get("/api/v1/cases?overdue=maybe", dispatcher).body()).contains("overdue");

        JsonObject digest = new JsonObject(hub.get("/api/v1/cases/digest", workerA).body());
        assertThat(digest.getJsonArray("assigned").getJsonObject(0).getLong("id")).as("the assignee's digest")
                .isEqualTo(late);
        assertThat(digest.getLong("assigned_overdue")).isEqualTo(1);
        assertThat(digest.getValue("overdue_in_scope")).isNull();
        assertThat(new JsonObject(hub.get("/api/v1/cases/digest", dispatcher).body()).getLong("overdue_in_scope"))
                .as("the dispatcher's digest").isEqualTo(1);
    }

    @Test
    void journey3AGridWorkerSeesOnlyItsGridsAndTrackingShowsOnlyThatCase() throws Exception {
        HttpResponse<String> filed = cases.json("/api/v1/cases", null, "10.3.0.1", new JsonObject()
                .put("category", "noise").put("description", "夜间施工").put("lon", IN_GRID_B[0]).put("lat", IN_GRID_B[1])
                .put("contact", "13900139000"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long inB = new JsonObject(filed.body()).getLong("id");
        String code = new JsonObject(filed.body()).getString("tracking_code");
        step(inB, "accept", dispatcher, new JsonObject(), 200);

        assertThat(hub.get("/api/v1/cases/" + inB, workerA).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/cases/" + inB + "/photos/1", workerA).statusCode()).isEqualTo(404);
        step(inB, "start", workerA, new JsonObject(), 404);
        assertThat(hub.get("/api/v1/cases?grid=ita-g2", workerA).statusCode()).isEqualTo(404);
        JsonArray mine = new JsonObject(hub.get("/api/v1/cases", workerA).body()).getJsonArray("cases");
        assertThat(mine.stream().map(o -> ((JsonObject) o).getString("grid"))).doesNotContain("ita-g2");
        assertThat(hub.get("/api/v1/cases/" + inB, workerB).statusCode()).isEqualTo(200);
        assertThat(hub.get("/api/v1/cases", hub.login("guard", Role.SECURITY, "ita")).statusCode()).isEqualTo(403);

        HttpResponse<String> track = hub.get("/api/v1/cases/track/" + code.toLowerCase(java.util.Locale.ROOT), null);
        assertThat(track.statusCode()).isEqualTo(200);
        assertNoStaffOrContact(track.body());
        assertThat(track.body()).doesNotContain("13900139000").doesNotContain("\"id\"");
        assertThat(new JsonObject(track.body()).getString("tracking_code")).isEqualTo(code);
        assertThat(hub.get("/api/v1/cases/track/ABCDEFGHJK", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aGridWorkersOwnReportIsNotClosedOnTheSpotLaterThroughTheSteps() throws Exception {
        HttpResponse<String> filed = cases.json("/api/v1/cases", workerB, "10.8.0.1",
                JsonObject.mapFrom(report("environment", "井盖松动，已固定", IN_GRID_B)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = new JsonObject(filed.body()).getLong("id");
        // 现场办结 is one operation at filing time (close_on_spot); afterwards the report is triaged like any other
        step(id, "handle", workerB, new JsonObject().put("note", "现场办结"), 409);
        step(id, "close", workerB, new JsonObject(), 403);
        step(id, "accept", dispatcher, new JsonObject().put("assignee", "wb1"), 200);
        step(id, "handle", workerB, new JsonObject().put("note", "已固定"), 200);
        step(id, "close", workerB, new JsonObject(), 403);
        assertThat(step(id, "close", dispatcher, new JsonObject(), 200).getString("status")).isEqualTo("closed");
    }

    @Test
    void anAlertBecomesALinkedCase() throws Exception {
        long alert = (Long) hub.column("""
                INSERT INTO alert (rule, correlation_key, kind, severity, device_code, building_code, compound_code,
                                   community_code, lon, lat, opened_at, last_event_at, event_ids)
                VALUES ('maintenance', 'it-case', 'maintenance', 'low', 'ita-fb-1', 'ita-b1', 'ita-q1', 'ita',
                        114.052, 22.542, now(), now(), ARRAY['e-1']) RETURNING id""").get(0);
        assertThat(hub.post("/api/v1/alerts/" + alert + "/case", workerA, "{}").statusCode()).isEqualTo(403);
        String otherGuard = hub.login("guard-b", Role.SECURITY, "itb");
        assertThat(hub.post("/api/v1/alerts/" + alert + "/case", otherGuard, "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> made = hub.post("/api/v1/alerts/" + alert + "/case", dispatcher, "{}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject c = new JsonObject(made.body());
        assertThat(c.getJsonObject("grid").getString("code")).isEqualTo("ita-g1");
        JsonObject detail = new JsonObject(hub.get("/api/v1/cases/" + c.getLong("id"), dispatcher).body());
        assertThat(detail.getJsonObject("alert").getLong("id")).isEqualTo(alert);
        assertThat(detail.getString("category")).isEqualTo("facility_damage");
        assertThat(c.getBoolean("created")).isTrue();
        // asked again (a double tap, another guard of the community): the same case, no second one
        String guard = hub.login("guard-a", Role.SECURITY, "ita");
        HttpResponse<String> again = hub.post("/api/v1/alerts/" + alert + "/case", guard, "{}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonObject same = new JsonObject(again.body());
        assertThat(same.getLong("id")).isEqualTo(c.getLong("id"));
        assertThat(same.getString("tracking_code")).isEqualTo(c.getString("tracking_code"));
        assertThat(same.getBoolean("created")).isFalse();
        assertThat(hub.column("SELECT count(*) FROM hub_case WHERE alert_id = " + alert)).containsExactly(1L);
    }

    @Test
    void photosAndContactOfLongClosedCasesAreDeleted() throws Exception {
        long old = filedWithPhoto("10.9.0.1");
        long recent = filedWithPhoto("10.9.0.2");
        try (var c = hub.dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE hub_case SET status = 'closed', closed_at = now() - interval '181 days' WHERE id = " + old);
            s.executeUpdate("UPDATE hub_case SET status = 'closed', closed_at = now() - interval '179 days' WHERE id = "
                    + recent);
        }
        new org.communityhub.gateway.postgis.EventRetention(hub.dataSource(), hub.config().retention(),
                java.time.Clock.systemUTC()).run();
        assertThat(hub.column("SELECT count(*) FROM case_photo WHERE case_id = " + old)).containsExactly(0L);
        assertThat(hub.column("SELECT contact FROM hub_case WHERE id = " + old)).containsExactly((Object) null);
        assertThat(hub.column("SELECT count(*) FROM case_history WHERE case_id = " + old)).doesNotContain(0L);
        assertThat(hub.column("SELECT count(*) FROM case_photo WHERE case_id = " + recent)).containsExactly(1L);
        assertThat(hub.column("SELECT contact FROM hub_case WHERE id = " + recent)).containsExactly("13700137000");
    }

    @Test
    void aGridWorkerClosesOnTheSpotInOneRequestWithAnAfterPhoto() throws Exception {
        Map<String, String> fields = new java.util.HashMap<>(report("facility_damage", "座椅松动", IN_GRID_B));
        fields.put("close_on_spot", "true");
        fields.put("note", "已拧紧");
        byte[] jpeg = CaseRequests.jpegWithExif();
        HttpResponse<String> noPhoto = cases.multipart("/api/v1/cases", workerB, null, fields, List.of(jpeg), List.of());
        assertThat(noPhoto.statusCode()).as(noPhoto.body()).isEqualTo(422);
        assertThat(noPhoto.body()).contains("'after_photo'");
        Map<String, String> noNote = new java.util.HashMap<>(fields);
        noNote.remove("note");
        HttpResponse<String> r = cases.multipart("/api/v1/cases", workerB, null, noNote, List.of(), List.of(jpeg));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'note'");
        assertThat(cases.multipart("/api/v1/cases", dispatcher, null, fields, List.of(), List.of(jpeg)).statusCode())
                .as("grid workers only").isEqualTo(403);
        assertThat(hub.column("SELECT count(*) FROM hub_case WHERE description = '座椅松动'")).as("nothing stored")
                .containsExactly(0L);

        HttpResponse<String> done = cases.multipart("/api/v1/cases", workerB, null, fields, List.of(jpeg), List.of(jpeg));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        assertThat(new JsonObject(done.body()).getString("status")).isEqualTo("closed");
        long id = new JsonObject(done.body()).getLong("id");
        assertThat(hub.column("SELECT string_agg(action || ':' || actor || ':' || to_status || ':' || coalesce(note, '')"
                + ", ',' ORDER BY id) FROM case_history WHERE case_id = " + id))
                .containsExactly("submit:wb1:submitted:,handle:wb1:handled:已拧紧,close:wb1:closed:");
        assertThat(hub.column("SELECT string_agg(stage, ',' ORDER BY n) FROM case_photo WHERE case_id = " + id))
                .containsExactly("report,handled");
        assertThat(hub.column("SELECT status || ' ' || assignee FROM hub_case WHERE id = " + id))
                .containsExactly("closed wb1");
    }

    private static long filedWithPhoto(String client) throws Exception {
        Map<String, String> fields = new java.util.HashMap<>(report("other", "旧案", IN_GRID_B));
        fields.put("contact", "13700137000");
        HttpResponse<String> r = cases.multipart("/api/v1/cases", null, client, fields,
                List.of(CaseRequests.jpegWithExif()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static void assertNoStaffOrContact(String body) {
        assertThat(body).doesNotContain("wa1").doesNotContain("wb1").doesNotContain("disp").doesNotContain("contact")
                .doesNotContain("assignee").doesNotContain("1380013").doesNotContain("actor");
    }

    private static long file(double[] point, String client) throws Exception {
        HttpResponse<String> r = cases.json("/api/v1/cases", null, client,
                JsonObject.mapFrom(report("facility_damage", "路灯坏了", point)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static JsonObject step(long id, String step, String token, JsonObject body, int status) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/cases/" + id + "/" + step, token, body.encode());
        assertThat(r.statusCode()).as(step + ": " + r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }
}
