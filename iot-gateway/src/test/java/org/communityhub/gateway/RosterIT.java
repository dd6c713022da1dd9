package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's duty roster against the running hub: admins alone manage it (403 for others, 400 naming the field),
 * changes are audited, the console sees who is on duty now (no phone numbers, its own community only); and it drives
 * who is paged: a fire alarm at tier 1 notifies the tier-1 user on duty (in the app, live on the stream, and
 * @-mentioned by phone in the WeCom and webhook messages) and not the tier-1 user off duty nor another community's;
 * its escalation (pushed on the stream with its level) pages the tier-2 user on duty (DingTalk {@code atMobiles}).
 * The off-duty shift is set twelve hours away from now in China Standard Time; escalation after 1 s here.
 */
class RosterIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_ESCALATE_AFTER_SECONDS", "1",
            "HUB_PUBLIC_URL", "https://hub.example.cn"));
    static ChannelReceiver receiver;
    static String admin;
    static String guard;
    static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        admin = hub.login("radmin", Role.ADMIN, null);
        guard = hub.login("ron1", Role.SECURITY, "ita");
        TOKENS.put("ron1", guard);
        TOKENS.put("roff1", hub.login("roff1", Role.SECURITY, "ita"));
        TOKENS.put("ron2", hub.login("ron2", Role.SECURITY, "ita"));
        TOKENS.put("rb1", hub.login("rb1", Role.SECURITY, "itb"));
        hub.login("rfitter", Role.INSTALLER, "ita");
        channel("t1-wecom", "wecom", "/wecom/t1?key=k", 1);
        channel("t1-hook", "webhook", "/hook/t1", 1);
        channel("t2-ding", "dingtalk", "/dingtalk/t2?access_token=t", 2);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    @Test
    void onlyAdminsManageTheRosterAndBadEntriesAreRefusedNamingTheField() throws Exception {
        JsonObject good = entry("ron1", "ita", 1, "08:00", "20:00");
        assertThat(hub.post("/api/v1/admin/roster", guard, good.encode()).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/admin/roster", guard).statusCode()).isEqualTo(403);
        assertThat(put("/api/v1/admin/users/ron1/phone", guard, new JsonObject().put("phone", "13800000001"))
                .statusCode()).isEqualTo(403);

        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("tier", 4).encode()), "tier");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("days", new JsonArray().add(8)).encode()),
                "days");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("days", new JsonArray()).encode()), "days");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("start", "25:00").encode()), "start");
        JsonObject noEnd = good.copy();
        noEnd.remove("end");
        assertError(hub.post("/api/v1/admin/roster", admin, noEnd.encode()), "end");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("user", "nobody").encode()), "user");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("user", "rfitter").encode()), "user");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("user", "rb1").encode()), "user");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("community", "nowhere").encode()),
                "community");
        assertError(hub.post("/api/v1/admin/roster", admin, good.copy().put("from", "2026-12-05").put("until",
                "2026-12-01").encode()), "until");
        assertError(put("/api/v1/admin/users/ron1/phone", admin, new JsonObject().put("phone", "call me")), "phone");
        assertThat(put("/api/v1/admin/users/nobody/phone", admin, new JsonObject().put("phone", "13800000009"))
                .statusCode()).isEqualTo(404);

        HttpResponse<String> created = hub.post("/api/v1/admin/roster", admin, good.copy().put("days",
                new JsonArray(List.of(6, 1, 3))).put("note", "白班").encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject e = new JsonObject(created.body());
        assertThat(e.getJsonArray("days")).containsExactly(1, 3, 6);
        assertThat(e.getString("start")).isEqualTo("08:00");
        assertThat(e.getBoolean("overnight")).isFalse();
        long id = e.getLong("id");
        JsonObject night = new JsonObject(hub.post("/api/v1/admin/roster", admin, entry("ron1", "ita", 1, "20:00",
                "08:00").encode()).body());
        assertThat(night.getBoolean("overnight")).isTrue();
        assertThat(listed(null)).extracting(o -> o.getLong("id")).contains(id, night.getLong("id"));
        assertThat(listed("itb")).extracting(o -> o.getLong("id")).doesNotContain(id);

        assertThat(hub.delete("/api/v1/admin/roster/" + id, guard).statusCode()).isEqualTo(403);
        assertThat(hub.delete("/api/v1/admin/roster/" + id, admin).statusCode()).isEqualTo(200);
        assertThat(hub.delete("/api/v1/admin/roster/" + id, admin).statusCode()).isEqualTo(404);
        assertThat(hub.delete("/api/v1/admin/roster/" + night.getLong("id"), admin).statusCode()).isEqualTo(200);
        assertThat(hub.column("SELECT action || ' ' || actor FROM audit_log WHERE object_type = 'roster' AND object_id IN ('"
                + id + "', '" + night.getLong("id") + "') ORDER BY id"))
                .containsExactly("roster.create radmin", "roster.create radmin", "roster.delete radmin",
                        "roster.delete radmin");
    }

    @Test
    void theRosterDrivesWhoIsPagedAtEachTier() throws Exception {
        assertThat(put("/api/v1/admin/users/ron1/phone", admin, new JsonObject().put("phone", "138 0000 0001"))
                .statusCode()).isEqualTo(200);
        assertThat(put("/api/v1/admin/users/ron2/phone", admin, new JsonObject().put("phone", "13800000002"))
                .statusCode()).isEqualTo(200);
        assertThat(hub.column("SELECT detail FROM audit_log WHERE action = 'user.phone'"))
                .allMatch(d -> !d.toString().contains("1380000000"));
        ZonedDateTime later = ZonedDateTime.now(CHINA).plusHours(12);
        String offStart = String.format("%02d:00", later.getHour());
        String offEnd = String.format("%02d:00", later.plusHours(1).getHour());
        created(entry("ron1", "ita", 1, "00:00", "24:00"));
        created(entry("roff1", "ita", 1, offStart, offEnd));
        created(entry("ron2", "ita", 2, "06:00", "06:00"));
        created(entry("rb1", "itb", 1, "00:00", "00:00"));
        assertThat(listed("ita")).filteredOn(o -> o.getString("user").equals("ron1")).extracting(o -> o.getString("phone"))
                .containsOnly("13800000001");

        JsonObject now = new JsonObject(hub.get("/api/v1/roster/now", guard).body());
        assertThat(now.getString("community")).isEqualTo("ita");
        assertThat(users(now, 1)).containsExactly("ron1");
        assertThat(users(now, 2)).containsExactly("ron2");
        assertThat(users(now, 3)).isEmpty();
        assertThat(now.encode()).doesNotContain("13800000001");
        assertThat(hub.get("/api/v1/roster/now?community=itb", guard).statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/roster/now", admin).statusCode()).isEqualTo(400);

        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), guard, -1)) {
            stream.send("{\"watch\":\"-\"}");
            stream.next(WAIT, m -> "watching".equals(m.getString("kind"))); // the session is registered
            hub.publish("ita-fb-1", TestDevice.payload("ro-1", "fire.alarm", "{}"));
            JsonObject page = stream.next(WAIT, m -> "notification".equals(m.getString("kind"))).getJsonObject(
                    "notification");
            long alertId = page.getLong("alert");
            assertThat(page.getString("kind")).isEqualTo("alert");
            assertThat(page.getString("title")).contains("火警", "测试甲社区");
            stream.next(WAIT, m -> "alert".equals(m.getString("kind")) && m.getJsonObject("alert").getLong("id") == alertId
                    && m.getJsonObject("alert").getInteger("escalation_level") >= 1);

            HubFixture.await(WAIT, "the tier-2 page", () -> !notifications("ron2").isEmpty());
            assertThat(notifications("ron1")).extracting(n -> n.getLong("alert")).containsExactly(alertId);
            assertThat(notifications("roff1")).isEmpty();
            assertThat(notifications("rb1")).isEmpty();
            assertThat(notifications("ron2")).singleElement().satisfies(n -> {
                assertThat(n.getLong("alert")).isEqualTo(alertId);
                assertThat(n.getString("title")).startsWith("【升级2级】");
            });
            assertThat(hub.column("SELECT tier || ' ' || username FROM alert_page WHERE alert_id = " + alertId
                    + " ORDER BY tier, username")).containsExactly("1 ron1", "2 ron2");

            HubFixture.await(WAIT, "the channel messages", () -> !receiver.requests("/wecom/t1").isEmpty()
                    && !receiver.requests("/hook/t1").isEmpty() && !receiver.requests("/dingtalk/t2").isEmpty());
            JsonObject wecom = new JsonObject(receiver.requests("/wecom/t1").get(0).text());
            assertThat(wecom.getString("msgtype")).isEqualTo("text");
            assertThat(wecom.getJsonObject("text").getJsonArray("mentioned_mobile_list")).containsExactly("13800000001");
            assertThat(wecom.getJsonObject("text").getString("content")).contains("火警", "ron1").doesNotContain("roff1");
            JsonObject hook = new JsonObject(receiver.requests("/hook/t1").get(0).text());
            assertThat(hook.getJsonArray("on_duty")).containsExactly(new JsonObject().put("user", "ron1")
                    .put("phone", "13800000001"));
            JsonObject ding = new JsonObject(receiver.requests("/dingtalk/t2").get(0).text());
            assertThat(ding.getJsonObject("at").getJsonArray("atMobiles")).containsExactly("13800000002");
            assertThat(ding.getJsonObject("markdown").getString("text")).contains("@13800000002", "升级2级");
        }
    }

    private static List<String> users(JsonObject now, int tier) {
        return now.getJsonArray("tiers").stream().map(o -> (JsonObject) o).filter(t -> t.getInteger("tier") == tier)
                .flatMap(t -> t.getJsonArray("on_duty").stream()).map(o -> ((JsonObject) o).getString("user")).toList();
    }

    private static List<JsonObject> notifications(String user) {
        try {
            return new JsonObject(hub.get("/api/v1/notifications", TOKENS.get(user)).body()).getJsonArray("notifications")
                    .stream().map(o -> (JsonObject) o).filter(n -> "alert".equals(n.getString("kind"))).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonObject> listed(String community) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/admin/roster" + (community == null ? "" : "?community=" + community),
                admin);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("entries").stream().map(o -> (JsonObject) o).toList();
    }

    private static JsonObject entry(String user, String community, int tier, String start, String end) {
        return new JsonObject().put("user", user).put("community", community).put("tier", tier).put("start", start)
                .put("end", end);
    }

    private static void created(JsonObject entry) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/admin/roster", admin, entry.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void channel(String name, String kind, String path, int tier) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", name)
                .put("kind", kind).put("url", receiver.url(path)).put("community", "ita").put("tier", tier).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static HttpResponse<String> put(String path, String token, JsonObject body) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(hub.uri(path)).timeout(WAIT).header("content-type",
                "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).as(r.body())
                .contains("'" + field + "'");
    }
}
