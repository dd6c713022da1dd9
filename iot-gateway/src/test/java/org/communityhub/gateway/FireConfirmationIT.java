package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.alert.Transition;
import org.communityhub.gateway.alert.TransitionResult;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.PostgisAlertStore;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONTRACT §8 / issue 17: a guard's real-fire confirmation always reaches the alert's channels ("火警已确认"), whatever
 * the escalation level: confirmed at level 0 (tier 1 and tier 2 at once, tier 2 not paged besides), and after the
 * hub's escalator raised it to level 1 and to level 2 (the tiers reached hear it too). Every channel of the community
 * gets exactly one confirmation, signed (verified here), with the alert; other communities' channels nothing; the
 * delivery log names each row's purpose. A confirmation committed while no hub runs is sent once after the restart.
 * The alerts' opening time is set back to make them due for escalation (the escalator runs every 5 s).
 */
class FireConfirmationIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_PUBLIC_URL", "https://hub.example.cn"));
    static final String DEVICE = "ita-fb-1";
    static final Map<String, String> SECRETS = Map.of("/t1", "tier-1-secret", "/t2", "tier-2-secret",
            "/t3", "tier-3-secret", "/other", "other-secret");
    static ChannelReceiver receiver;
    static String admin;
    static String guard;
    static long current;
    static int alarms;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        admin = hub.login("fc-admin", Role.ADMIN, null);
        guard = hub.login("fc-guard", Role.SECURITY, "ita");
        channel("值班群", "/t1", "ita", 1);
        channel("消防主管", "/t2", "ita", 2);
        channel("物业经理", "/t3", "ita", 3);
        channel("乙社区", "/other", "itb", 1);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    /** Each test's alert is resolved after it, so the next alarm of the device opens a new one. */
    @AfterEach
    void resolveTheAlert() throws Exception {
        if (current != 0) {
            hub.post("/api/v1/alerts/" + current + "/resolve", guard, new JsonObject().put("outcome", "resolved")
                    .put("note", "已扑灭").encode());
            current = 0;
        }
    }

    @Test
    void confirmedAtLevelZeroTiersOneAndTwoHearItOnce() throws Exception {
        long id = alarmPagedAtTierOne();
        confirm(id);
        allSent(id);
        assertConfirmedOnce(id, "/t1", "/t2");
        assertThat(messages("/t2", id)).hasSize(1);
        assertThat(messages("/t3", id)).isEmpty();
        assertThat(hub.column("SELECT purpose || ':' || tier FROM delivery WHERE alert_id = " + id + " ORDER BY 1"))
                .containsExactly("confirmed:1", "confirmed:2", "page:1");
        assertThat(logged(id)).containsExactlyInAnyOrder("page:1:delivered", "confirmed:1:delivered",
                "confirmed:2:delivered");
    }

    @Test
    void confirmedAfterEscalatingToLevelOneTiersOneAndTwoHearItOnce() throws Exception {
        long id = escalatedTo(1);
        confirm(id);
        assertThat(hub.column("SELECT escalation_level FROM alert WHERE id = " + id)).containsExactly(1);
        allSent(id);
        assertConfirmedOnce(id, "/t1", "/t2");
        assertThat(messages("/t2", id)).hasSize(2);
        assertThat(messages("/t3", id)).isEmpty();
    }

    @Test
    void confirmedAfterEscalatingToLevelTwoEveryTierHearsItOnce() throws Exception {
        long id = escalatedTo(2);
        confirm(id);
        allSent(id);
        assertConfirmedOnce(id, "/t1", "/t2", "/t3");
        assertThat(messages("/t3", id)).hasSize(2);
        assertThat(hub.column("SELECT purpose || ':' || tier FROM delivery WHERE alert_id = " + id + " ORDER BY 1"))
                .containsExactly("confirmed:1", "confirmed:2", "confirmed:3", "page:1", "page:2", "page:3");
    }

    @Test
    void aConfirmationCommittedWhileNoHubRunsIsSentOnceAfterTheRestart() throws Exception {
        long id = alarmPagedAtTierOne();
        hub.fixture().stopHub();
        try {
            // confirmed as by another instance that died before sending: the rows wait in the outbox
            TransitionResult r = new PostgisAlertStore(hub.fixture().dataSource()).apply(id, null,
                    new Transition.Confirm(true, ""), "fc-guard", "127.0.0.1");
            assertThat(r).isInstanceOf(TransitionResult.Done.class);
            assertThat(hub.column("SELECT purpose || ':' || tier || ':' || status FROM delivery WHERE alert_id = " + id
                    + " AND purpose = 'confirmed' ORDER BY 1")).containsExactly("confirmed:1:pending", "confirmed:2:pending");
        } finally {
            hub.fixture().startHub();
        }
        allSent(id);
        assertConfirmedOnce(id, "/t1", "/t2");
    }

    /** A fire alarm of {@link #DEVICE}, after its tier-1 page arrived (so the page says 火警, not confirmed). */
    private static long alarmPagedAtTierOne() throws Exception {
        String event = "fc-" + (++alarms);
        DeliveryIT.publish(hub, DEVICE, TestDevice.payload(event, "fire.alarm", "{\"floor\":3}"));
        HubFixture.await(Duration.ofSeconds(15), "the alert of " + event, () -> !query("SELECT id FROM alert WHERE '"
                + event + "' = ANY (event_ids)").isEmpty());
        current = ((Number) hub.column("SELECT id FROM alert WHERE '" + event + "' = ANY (event_ids)").get(0)).longValue();
        long id = current;
        HubFixture.await(Duration.ofSeconds(20), "the tier-1 page", () -> messages("/t1", id).size() == 1);
        JsonObject page = messages("/t1", id).get(0);
        assertThat(page.getString("title")).contains("【火警】").doesNotContain("已确认");
        return id;
    }

    /** An alarm the hub's escalator raised to {@code level}, each tier's page received. */
    private static long escalatedTo(int level) throws Exception {
        long id = alarmPagedAtTierOne();
        // due for `level` escalations (60 s each), not for one more before the test confirms it
        hub.column("UPDATE alert SET opened_at = now() - make_interval(secs => " + (level * 60 + 5) + ") WHERE id = "
                + id + " RETURNING id");
        HubFixture.await(Duration.ofSeconds(30), "escalation to level " + level, () -> query(
                "SELECT escalation_level FROM alert WHERE id = " + id).equals(List.of(level)));
        for (int tier = 2; tier <= level + 1; tier++) {
            String path = "/t" + tier;
            HubFixture.await(Duration.ofSeconds(20), "the tier-" + tier + " page", () -> messages(path, id).size() == 1);
            assertThat(messages(path, id).get(0).getString("title")).contains("【升级" + tier + "级】【火警】");
        }
        return id;
    }

    private static void confirm(long id) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/alerts/" + id + "/confirm", guard, new JsonObject().put("real", true)
                .encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("confirmed");
    }

    /** Waits until no delivery of the alert is pending (each delivered or failed for good). */
    private static void allSent(long id) {
        HubFixture.await(Duration.ofSeconds(30), () -> "the deliveries of alert " + id + ": "
                + query("SELECT purpose || ':' || tier || ':' || status FROM delivery WHERE alert_id = " + id),
                () -> query("SELECT 1 FROM delivery WHERE alert_id = " + id + " AND status <> 'delivered'").isEmpty()
                        && !query("SELECT 1 FROM delivery WHERE alert_id = " + id + " AND purpose = 'confirmed'").isEmpty());
    }

    /** Each of {@code paths} got exactly one confirmation of the alert, at its tier, the other channel none. */
    private static void assertConfirmedOnce(long id, String... paths) throws Exception {
        for (String path : paths) {
            List<JsonObject> confirmed = messages(path, id).stream()
                    .filter(m -> m.getString("title").contains("火警已确认")).toList();
            assertThat(confirmed).as(path).hasSize(1);
            JsonObject m = confirmed.get(0);
            int tier = Integer.parseInt(path.substring(2));
            assertThat(m.getString("kind")).isEqualTo("alert");
            assertThat(m.getInteger("tier")).isEqualTo(tier);
            assertThat(m.getString("title")).startsWith((tier > 1 ? "【升级" + tier + "级】" : "") + "【火警已确认】测试甲社区");
            assertThat(m.getString("text")).contains("事件：火警已确认（紧急）", "3层", "状态：火警已确认，请立即处置");
            assertThat(m.getString("link")).isEqualTo("https://hub.example.cn/#alert=" + id);
            assertThat(m.getJsonObject("alert").getLong("id")).isEqualTo(id);
            assertThat(m.getJsonObject("alert").getString("status")).isEqualTo("confirmed");
        }
        assertThat(messages("/other", id)).isEmpty();
    }

    /** The alert's messages a channel received, each signature verified with the channel's secret. */
    private static List<JsonObject> messages(String path, long id) {
        return receiver.requests(path).stream().filter(r -> {
            JsonObject body = new JsonObject(r.text());
            if (body.getJsonObject("alert") == null || body.getJsonObject("alert").getLong("id") != id) {
                return false;
            }
            try {
                assertThat(r.header("X-Hub-Signature-256")).isEqualTo("sha256=" + ChannelsIT.hmacHex(SECRETS.get(path),
                        r.body()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        }).map(r -> new JsonObject(r.text())).toList();
    }

    /** The delivery log's attempts of the alert as purpose:tier:status. */
    private static List<String> logged(long id) throws Exception {
        JsonArray log = new JsonObject(hub.get("/api/v1/admin/deliveries?alert=" + id, admin).body())
                .getJsonArray("deliveries");
        return log.stream().map(o -> (JsonObject) o)
                .map(e -> e.getString("purpose") + ":" + e.getInteger("tier") + ":" + e.getString("status")).toList();
    }

    private static void channel(String name, String path, String community, int tier) throws Exception {
        var r = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", name).put("kind", "webhook")
                .put("url", receiver.url(path)).put("secret", SECRETS.get(path)).put("community", community)
                .put("tier", tier).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static List<Object> query(String sql) {
        try {
            return hub.column(sql);
        } catch (Exception e) {
            return List.of();
        }
    }
}
