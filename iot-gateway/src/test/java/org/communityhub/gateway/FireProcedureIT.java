package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONTRACT §8 fire procedure and responders' steps: confirm real (status {@code confirmed}, tier 2 paged at once with
 * "火警已确认") or false (resolved as {@code false_alarm}, note required); only fire alarms; take, assign (admin) and
 * comments, carried by the alert JSON and the stream; scope and roles as §6 says.
 */
class FireProcedureIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_PUBLIC_URL", "https://hub.example.cn"));
    static ChannelReceiver receiver;
    static String admin;
    static String guard;
    static String other;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        admin = hub.login("fp-admin", Role.ADMIN, null);
        guard = hub.login("fp-guard", Role.SECURITY, "ita");
        hub.login("fp-colleague", Role.SECURITY, "ita");
        other = hub.login("fp-other", Role.SECURITY, "itb");
        var r = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "消防主管").put("kind", "webhook")
                .put("url", receiver.url("/tier2")).put("community", "ita").put("tier", 2).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    @Test
    void aRealFireIsConfirmedAndPagesTierTwoAtOnce() throws Exception {
        long id = alarm("ita-fb-1", "fp-1", "fire.alarm");
        assertError(post(id, "confirm", guard, new JsonObject().put("real", "yes")), 400, "real");
        assertError(post(id, "confirm", guard, new JsonObject()), 400, "real");
        assertThat(post(id, "confirm", hub.login("fp-installer", Role.INSTALLER, "ita"),
                new JsonObject().put("real", true)).statusCode()).isEqualTo(403);
        assertThat(post(id, "confirm", other, new JsonObject().put("real", true)).statusCode()).isEqualTo(404);
        assertThat(receiver.requests("/tier2")).isEmpty();

        HttpResponse<String> confirmed = post(id, "confirm", guard, new JsonObject().put("real", true)
                .put("note", "3层有烟，已拨119"));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonObject alert = new JsonObject(confirmed.body());
        assertThat(alert.getString("status")).isEqualTo("confirmed");
        assertThat(alert.getInteger("escalation_level")).isEqualTo(1);
        assertThat(alert.getString("acknowledged_by")).isEqualTo("fp-guard");
        assertThat(alert.getJsonArray("comments")).singleElement().satisfies(c ->
                assertThat(((JsonObject) c).getString("text")).isEqualTo("3层有烟，已拨119"));
        HubFixture.await(Duration.ofSeconds(20), "tier 2 paged", () -> receiver.requests("/tier2").size() == 1);
        JsonObject paged = new JsonObject(receiver.requests("/tier2").get(0).text());
        assertThat(paged.getInteger("tier")).isEqualTo(2);
        assertThat(paged.getJsonObject("alert").getString("status")).isEqualTo("confirmed");
        assertThat(paged.getString("title") + paged.getString("text")).contains("火警已确认");

        assertThat(post(id, "confirm", guard, new JsonObject().put("real", true)).statusCode()).isEqualTo(409);
        assertThat(post(id, "ack", guard, new JsonObject()).statusCode()).isEqualTo(409);
        assertThat(hub.get("/api/v1/alerts?status=confirmed", guard).body()).contains("\"id\":" + id);
        HttpResponse<String> resolved = post(id, "resolve", guard, new JsonObject().put("outcome", "resolved")
                .put("note", "明火已扑灭"));
        assertThat(new JsonObject(resolved.body()).getString("status")).isEqualTo("resolved");
        assertThat(hub.column("SELECT action FROM audit_log WHERE object_type = 'alert' AND object_id = '" + id
                + "' ORDER BY id")).containsExactly("alert.confirm", "alert.resolve");
    }

    @Test
    void aFalseAlarmNeedsItsNoteAndIsResolvedAsFalseAlarm() throws Exception {
        long id = alarm("ita-fb-2", "fp-2", "fire.alarm");
        assertError(post(id, "confirm", guard, new JsonObject().put("real", false)), 400, "note");
        assertError(post(id, "confirm", guard, new JsonObject().put("real", false).put("note", "  ")), 400, "note");
        HttpResponse<String> r = post(id, "confirm", guard, new JsonObject().put("real", false).put("note", "烟感误报：装修粉尘"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject alert = new JsonObject(r.body());
        assertThat(alert.getString("status")).isEqualTo("resolved");
        assertThat(alert.getString("outcome")).isEqualTo("false_alarm");
        assertThat(alert.getString("note")).isEqualTo("烟感误报：装修粉尘");
        assertThat(alert.getInteger("escalation_level")).isZero();
        long intrusion = alarm("ita-cam-1", "fp-3", "camera.climb");
        assertError(post(intrusion, "confirm", guard, new JsonObject().put("real", true)), 400, "fire");
    }

    @Test
    void alertsAreTakenAssignedAndCommentedAndTheStreamCarriesIt() throws Exception {
        long id = alarm("ita-gate-1", "fp-4", "door.forced");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), guard, -1)) {
            JsonObject taken = new JsonObject(post(id, "take", guard, new JsonObject()).body());
            assertThat(taken.getString("assignee")).isEqualTo("fp-guard");
            assertThat(post(id, "assign", guard, new JsonObject().put("assignee", "fp-colleague")).statusCode())
                    .isEqualTo(403);
            assertError(post(id, "assign", admin, new JsonObject().put("assignee", "fp-other")), 400, "assignee");
            assertError(post(id, "assign", admin, new JsonObject()), 400, "assignee");
            JsonObject assigned = new JsonObject(post(id, "assign", admin, new JsonObject().put("assignee", "fp-colleague"))
                    .body());
            assertThat(assigned.getString("assignee")).isEqualTo("fp-colleague");
            assertError(post(id, "comments", guard, new JsonObject().put("text", "")), 400, "text");
            JsonObject commented = new JsonObject(post(id, "comments", guard, new JsonObject().put("text", "我去处理 <b>x</b>"))
                    .body());
            JsonArray comments = commented.getJsonArray("comments");
            assertThat(comments).hasSize(1);
            assertThat(comments.getJsonObject(0).getString("author")).isEqualTo("fp-guard");
            assertThat(comments.getJsonObject(0).getString("text")).isEqualTo("我去处理 <b>x</b>");
            assertThat(comments.getJsonObject(0).getString("at")).isNotBlank();
            JsonObject listed = new JsonObject(hub.get("/api/v1/alerts?limit=50", guard).body()).getJsonArray("alerts")
                    .stream().map(o -> (JsonObject) o).filter(a -> a.getLong("id") == id).findFirst().orElseThrow();
            assertThat(listed.getString("assignee")).isEqualTo("fp-colleague");
            assertThat(listed.getJsonArray("comments")).hasSize(1);
            assertThat(listed.getInteger("escalation_level")).isZero();
            stream.next(Duration.ofSeconds(10), m -> "alert".equals(m.getString("kind"))
                    && m.getJsonObject("alert").getLong("id") == id
                    && m.getJsonObject("alert").getJsonArray("comments").size() == 1);
        }
        assertThat(post(id, "comments", other, new JsonObject().put("text", "x"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void deliveriesPlannedWhileTheHubIsDownAreSentOnceAfterItsRestart() throws Exception {
        var r = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "乙社区值班").put("kind", "webhook")
                .put("url", receiver.url("/restart")).put("community", "itb").encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        hub.fixture().stopHub();
        try {
            // an alert committed while no hub runs (as by another instance that then died): its outbox row waits
            hub.column("INSERT INTO alert (rule, correlation_key, kind, severity, device_code, community_code, opened_at,"
                    + " last_event_at, event_ids) VALUES ('intrusion', 'device:itb-cam-1', 'intrusion', 'high', 'itb-cam-1',"
                    + " 'itb', now(), now(), ARRAY['restart-1']) RETURNING id");
            assertThat(hub.column("SELECT d.status FROM delivery d JOIN alert a ON a.id = d.alert_id"
                    + " WHERE 'restart-1' = ANY (a.event_ids)")).containsExactly("pending");
        } finally {
            hub.fixture().startHub();
        }
        HubFixture.await(Duration.ofSeconds(20), "the delivery after the restart", () -> !receiver.requests("/restart")
                .isEmpty());
        assertThat(receiver.requests("/restart")).hasSize(1);
        assertThat(new JsonObject(receiver.requests("/restart").get(0).text()).getJsonObject("alert").getJsonArray("event_ids"))
                .containsExactly("restart-1");
    }

    private static long alarm(String device, String eventId, String type) throws Exception {
        DeliveryIT.publish(hub, device, org.communityhub.gateway.testing.TestDevice.payload(eventId, type,
                type.equals("camera.climb") ? "{\"confidence\":0.9}" : "{}"));
        HubFixture.await(Duration.ofSeconds(15), "the alert of " + eventId, () -> !ids(eventId).isEmpty());
        return ((Number) ids(eventId).get(0)).longValue();
    }

    private static java.util.List<Object> ids(String eventId) {
        try {
            return hub.column("SELECT id FROM alert WHERE '" + eventId + "' = ANY (event_ids)");
        } catch (Exception e) {
            return java.util.List.of();
        }
    }

    private static HttpResponse<String> post(long id, String step, String token, JsonObject body) throws Exception {
        return hub.post("/api/v1/alerts/" + id + "/" + step, token, body.encode());
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).as(r.body()).contains(field);
    }
}
