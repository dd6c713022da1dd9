package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseCommand;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.notice.CaseReminders;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's reminders through issue 17's channels, against the running hub: a channel opts in to case notices with
 * {@code "topics": ["cases"]} (checked: 400 naming {@code topics}); a case that becomes overdue reaches every
 * opted-in channel of its community (and of every community) exactly once, and the morning digest of the community
 * (counts and first cases, no description) once a day — with two scheduler instances racing and two hub instances'
 * delivery workers sending — while a channel that did not opt in, or of another community, gets nothing; the
 * delivery log lists them with their key. The schedulers run as the hub builds its own, with a clock years ahead
 * (the hub's own minute job on the real clock never claims these cases).
 */
class CaseChannelsIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1",
            "HUB_PUBLIC_URL", "https://hub.example.cn"));
    static ChannelReceiver receiver;
    static String root;
    static HubApplication second;
    static CaseRequests requests;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        requests = new CaseRequests(hub.fixture());
        requests.importGrids();
        root = hub.login("cc-root", org.communityhub.gateway.auth.Role.ADMIN, null);
        assertThat(requests.saveUser(root, "ccdisp", "dispatcher", null, List.of()).statusCode()).isEqualTo(200);
        assertThat(requests.saveUser(root, "ccw1", "grid_worker", null, List.of("ita-g1")).statusCode()).isEqualTo(200);
        channel("cases-ita", "/cases/ita", "ita", new JsonArray().add("cases"));
        channel("cases-all", "/cases/all", null, new JsonArray().add("alerts").add("cases"));
        channel("cases-itb", "/cases/itb", "itb", new JsonArray().add("cases"));
        channel("alerts-ita", "/alerts/ita", "ita", null);
        second = hub.startAnotherInstance("cc-second-" + System.nanoTime());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (second != null) {
            second.close();
        }
        receiver.close();
    }

    @Test
    void channelTopicsAreCheckedAndListed() throws Exception {
        for (Object bad : List.of(new JsonArray(), new JsonArray().add("sms"), "cases", new JsonArray().add(1))) {
            HttpResponse<String> r = hub.post("/api/v1/admin/channels", root, new JsonObject().put("name", "x")
                    .put("kind", "webhook").put("url", receiver.url("/x")).put("topics", bad).encode());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("'topics'");
        }
        JsonArray channels = new JsonObject(hub.get("/api/v1/admin/channels", root).body()).getJsonArray("channels");
        Map<String, JsonArray> topics = new java.util.HashMap<>();
        channels.forEach(o -> topics.put(((JsonObject) o).getString("name"), ((JsonObject) o).getJsonArray("topics")));
        assertThat(topics.get("alerts-ita")).containsExactly("alerts");
        assertThat(topics.get("cases-ita")).containsExactly("cases");
        assertThat(topics.get("cases-all")).containsExactly("alerts", "cases");
    }

    @Test
    void anOverdueCaseAndTheDailyDigestReachTheOptedInChannelsExactlyOnce() throws Exception {
        ManualClock clock = new ManualClock(LocalDateTime.of(2032, 5, 10, 7, 0).atZone(CHINA).toInstant());
        HubCases one = HubCases.wire(hub.config(), hub.dataSource(), clock);
        HubCases two = HubCases.wire(hub.config(), hub.dataSource(), clock);
        CaseService service = one.service();
        long id = service.submit(CaseActor.anonymous(), "environment", "楼下垃圾桶满了，联系人张三", IN_GRID_A[0],
                IN_GRID_A[1], "13912345678", List.of()).id();
        service.step(service.actor("ccdisp", CaseActor.Kind.DISPATCHER, null), id,
                new CaseCommand.Accept(null, null, "ccw1"), List.of());
        service.submit(CaseActor.anonymous(), "noise", "夜间施工", IN_GRID_A[0], IN_GRID_A[1], null, List.of());
        Instant deadline = service.detail(service.actor("ccdisp", CaseActor.Kind.DISPATCHER, null), id).summary()
                .deadline();
        String overdueKey = "case-overdue:" + id + ":" + deadline.toEpochMilli();

        race(one, two);
        assertThat(keys()).as("not overdue, and before the digest time").doesNotContain(overdueKey)
                .noneMatch(k -> k.startsWith("case-digest:2032-05-10"));

        java.time.ZonedDateTime after = deadline.plus(Duration.ofHours(2)).atZone(CHINA);
        clock.set((after.getHour() < 9 ? after.withHour(9).withMinute(0) : after).toInstant()); // past the digest time
        String day = clock.instant().atZone(CHINA).toLocalDate().toString();
        String digestKey = "case-digest:" + day + ":ita";
        race(one, two);
        race(one, two);
        HubFixture.await(WAIT, () -> "sent: " + sent(), () -> List.of(overdueKey, digestKey).stream().allMatch(k ->
                delivered(k) == 2));

        for (String path : List.of("/cases/ita", "/cases/all")) {
            List<JsonObject> overdue = received(path, "case_overdue", "#" + id + " ");
            assertThat(overdue).as(path + " overdue").hasSize(1);
            assertThat(overdue.get(0).getString("title")).isEqualTo("【案件超期】#" + id + " 环境卫生");
            assertThat(overdue.get(0).getString("text")).contains("ita", "网格 ita-g1", "已超期");
            assertThat(overdue.get(0).getString("link")).isEqualTo("https://hub.example.cn/#cases");
            List<JsonObject> digest = received(path, "case_digest", day);
            assertThat(digest).as(path + " digest").hasSize(1);
            assertThat(digest.get(0).getString("title")).contains("案件日报", day);
            assertThat(digest.get(0).getString("text")).contains("未办结 2 件，其中已超期 1 件", "#" + id);
            for (JsonObject body : List.of(overdue.get(0), digest.get(0))) {
                assertThat(body.encode()).doesNotContain("垃圾桶", "张三", "13912345678", "夜间施工", "ccw1", "ccdisp");
            }
        }
        assertThat(receiver.requests("/alerts/ita")).as("a channel that did not opt in").isEmpty();
        assertThat(received("/cases/itb", "case_overdue", "")).as("another community's channel").isEmpty();
        assertThat(received("/cases/itb", "case_digest", day)).isEmpty();

        JsonArray log = new JsonObject(hub.get("/api/v1/admin/deliveries?limit=500", root).body())
                .getJsonArray("deliveries");
        assertThat(log.stream().map(o -> (JsonObject) o).filter(e -> overdueKey.equals(e.getString("notice"))))
                .hasSize(2).allMatch(e -> e.getValue("alert") == null && "delivered".equals(e.getString("status")));

        clock.advance(Duration.ofHours(3));
        race(one, two);
        assertThat(hub.column("SELECT count(*) FROM delivery WHERE notice_key IN ('" + overdueKey + "', '" + digestKey
                + "')")).as("later runs of the day plan nothing more").containsExactly(4L);
        assertThat(received("/cases/ita", "case_overdue", "#" + id + " ")).hasSize(1);
    }

    private static long delivered(String key) {
        try {
            return ((Number) hub.column("SELECT count(*) FROM delivery WHERE status = 'delivered' AND notice_key = '"
                    + key + "'").get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> keys() throws Exception {
        return hub.column("SELECT notice_key FROM delivery WHERE notice_key IS NOT NULL").stream().map(Object::toString)
                .toList();
    }

    private static String sent() {
        try {
            return hub.column("SELECT notice_key || ' ' || status || ' ' || coalesce(last_error, '') FROM delivery"
                    + " WHERE notice_key IS NOT NULL").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The webhook bodies {@code path} received of {@code kind} whose title contains {@code inTitle}. */
    private static List<JsonObject> received(String path, String kind, String inTitle) {
        return receiver.requests(path).stream().map(r -> new JsonObject(r.text()))
                .filter(b -> kind.equals(b.getString("kind")) && (b.getString("title") + " ").contains(inTitle)).toList();
    }

    /** Both schedulers' {@code run} at once, from two threads released together. */
    private static void race(HubCases a, HubCases b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CaseReminders.Report>> runs = new ArrayList<>();
            for (HubCases s : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return s.reminders().run();
                }));
            }
            go.countDown();
            for (Future<CaseReminders.Report> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void channel(String name, String path, String community, JsonArray topics) throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("kind", "webhook").put("url", receiver.url(path))
                .put("community", community);
        if (topics != null) {
            body.put("topics", topics);
        }
        HttpResponse<String> r = hub.post("/api/v1/admin/channels", root, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
