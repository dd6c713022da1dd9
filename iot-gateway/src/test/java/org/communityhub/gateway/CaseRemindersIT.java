package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_B;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.cases.CaseActor;
import org.communityhub.gateway.cases.CaseCommand;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseViews;
import org.communityhub.gateway.cases.notice.CaseReminders;
import org.communityhub.gateway.cases.notice.Notice;
import org.communityhub.gateway.cases.notice.NoticeKind;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.postgis.EventRetention;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.StreamClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's reminders against the real PostGIS and the running hub: the morning digest (一天一提醒) reaches each
 * assignee once even with two scheduler instances racing; a case that becomes overdue notifies the dispatchers
 * whose scope covers it once per overdue transition, live on the stream too; the notifications API shows a user
 * only their own; the time limit per category comes from HUB_CASE_DEADLINE_HOURS; and journey 2 — a case not
 * handled by its deadline shows as overdue to the dispatcher and in the next digest — with a controllable clock.
 * The scheduler instances are built as the hub builds its own ({@link HubCases#wire}) on the hub's database, with
 * a clock set years ahead, so the hub's own minute job (on the real clock) never claims what a test expects.
 */
class CaseRemindersIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_TRUSTED_PROXIES", "127.0.0.1",
            "HUB_CASE_DEADLINE_HOURS", "environment=5"));

    private static CaseRequests requests;
    private static String root;

    @BeforeAll
    static void users() throws Exception {
        requests = new CaseRequests(hub.fixture());
        requests.importGrids();
        root = hub.login("root", Role.ADMIN, null);
        save("disp", "dispatcher", null, List.of());
        save("dita", "dispatcher", "ita", List.of());
        save("ditb", "dispatcher", "itb", List.of());
        save("rw1", "grid_worker", null, List.of("ita-g1"));
        save("rw2", "grid_worker", null, List.of("itb-g1"));
        save("rw3", "grid_worker", null, List.of("ita-g1"));
        save("j2w", "grid_worker", null, List.of("ita-g2"));
    }

    private static void save(String user, String role, String community, List<String> grids) throws Exception {
        HttpResponse<String> r = requests.saveUser(root, user, role, community, grids);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static Instant china(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(CHINA).toInstant();
    }

    private static HubCases scheduler(ManualClock clock) {
        return HubCases.wire(hub.config(), hub.dataSource(), clock);
    }

    private static CaseActor dispatcher(CaseService service, String user) {
        return service.actor(user, CaseActor.Kind.DISPATCHER, user.equals("disp") ? null : user.equals("dita") ? "ita"
                : "itb");
    }

    /** A resident's report, accepted by the subdistrict dispatcher and assigned to {@code assignee}. */
    private static long assignedCase(CaseService service, String category, double[] at, String assignee) {
        long id = service.submit(CaseActor.anonymous(), category, "测试案件", at[0], at[1], null, List.of()).id();
        service.step(dispatcher(service, "disp"), id, new CaseCommand.Accept(null, null, assignee), List.of());
        return id;
    }

    /** Both schedulers' {@code run} at once, from two threads released together. */
    private static List<CaseReminders.Report> race(HubCases a, HubCases b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CaseReminders.Report>> runs = new ArrayList<>();
            for (HubCases s : List.of(a, b)) {
                Callable<CaseReminders.Report> run = () -> {
                    go.await();
                    return s.reminders().run();
                };
                runs.add(pool.submit(run));
            }
            go.countDown();
            List<CaseReminders.Report> out = new ArrayList<>();
            for (Future<CaseReminders.Report> f : runs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> recipients(String key) throws Exception {
        return hub.column("SELECT recipient FROM notification WHERE dedup_key = '" + key + "' ORDER BY recipient");
    }

    @Test
    void theMorningDigestReachesEachAssigneeOnceWithTwoSchedulersRacing() throws Exception {
        ManualClock clock = new ManualClock(china(2030, 3, 4, 6, 0));
        HubCases one = scheduler(clock);
        HubCases two = scheduler(clock);
        long a1 = assignedCase(one.service(), "noise", IN_GRID_A, "rw1");
        long a2 = assignedCase(one.service(), "dispute", IN_GRID_A, "rw1");
        assignedCase(one.service(), "noise", CaseRequests.IN_ITB, "rw2");
        String key = CaseReminders.digestKey(clock.instant().atZone(CHINA).toLocalDate());

        race(one, two);
        assertThat(recipients(key)).as("before 08:00 nobody gets the day's digest").isEmpty();

        clock.set(china(2030, 3, 4, 8, 0));
        List<CaseReminders.Report> reports = race(one, two);
        List<Object> got = recipients(key);
        assertThat(got).contains("rw1", "rw2").doesNotHaveDuplicates();
        assertThat(reports.get(0).digests() + reports.get(1).digests()).as("stored once in all").isEqualTo(got.size());
        race(one, two);
        clock.advance(Duration.ofHours(5));
        race(one, two);
        assertThat(recipients(key)).as("later runs of the day add nothing").isEqualTo(got);

        JsonObject digest = notifications("rw1", "").stream().filter(n -> n.getString("kind").equals("digest"))
                .findFirst().orElseThrow();
        assertThat(digest.getInteger("open")).isEqualTo(2);
        assertThat(digest.getInteger("overdue")).isZero();
        assertThat(ids(digest.getJsonArray("cases"))).containsExactlyInAnyOrder(a1, a2);
        assertThat(digest.getString("title")).contains("2 件待办");
        assertThat(digest.getValue("case")).isNull();
        assertThat(digest.getBoolean("read")).isFalse();

        clock.set(china(2030, 3, 5, 8, 1));
        one.reminders().run();
        assertThat(recipients(CaseReminders.digestKey(clock.instant().atZone(CHINA).toLocalDate())))
                .as("the next morning's digest").contains("rw1", "rw2");
    }

    @Test
    void aCaseThatBecomesOverdueNotifiesItsDispatchersOncePerTransitionAndLive() throws Exception {
        ManualClock clock = new ManualClock(china(2031, 1, 10, 10, 0));
        HubCases one = scheduler(clock);
        HubCases two = scheduler(clock);
        long id = assignedCase(one.service(), "environment", IN_GRID_A, "rw3");
        CaseViews.Detail accepted = one.service().detail(dispatcher(one.service(), "disp"), id);
        assertThat(accepted.summary().deadline()).as("environment: 5 h from HUB_CASE_DEADLINE_HOURS")
                .isEqualTo(clock.instant().plus(Duration.ofHours(5)));
        String dita = requests.token("dita");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), dita, -1)) {
            stream.send("{\"watch\":\"-\"}");
            stream.next(WAIT, m -> "watching".equals(m.getString("kind"))); // the session is registered

            clock.advance(Duration.ofHours(4));
            race(one, two);
            String first = CaseReminders.overdueKey(id, accepted.summary().deadline());
            assertThat(recipients(first)).as("not overdue yet").isEmpty();

            clock.advance(Duration.ofHours(2));
            race(one, two);
            race(one, two);
            assertThat(recipients(first)).as("the subdistrict's and ita's dispatchers, once each, not itb's")
                    .containsExactly("disp", "dita");
            JsonObject pushed = stream.next(WAIT, m -> "notification".equals(m.getString("kind"))
                    && Long.valueOf(id).equals(m.getJsonObject("notification").getLong("case")));
            assertThat(pushed).as("pushed on dita's stream").isNotNull();
            assertThat(pushed.getJsonObject("notification").getString("kind")).isEqualTo("overdue");
            assertThat(pushed.getJsonObject("notification").getString("title")).contains("#" + id);
            JsonObject detail = pushed.getJsonObject("notification").getJsonObject("detail");
            assertThat(detail.getString("category")).as("structured, for the page's language").isEqualTo("environment");
            assertThat(detail.getString("grid")).isEqualTo("ita-g1");
            assertThat(detail.getString("community")).isEqualTo("ita");
            assertThat(java.time.OffsetDateTime.parse(detail.getString("deadline")).toInstant())
                    .as("the deadline that passed").isEqualTo(accepted.summary().deadline());
        }
        assertThat(hub.column("SELECT count(*) FROM case_overdue_claim WHERE case_id = " + id)).containsExactly(1L);

        CaseActor disp = dispatcher(one.service(), "disp");
        one.service().step(disp, id, new CaseCommand.Handle("已清理"), List.of());
        one.service().step(disp, id, new CaseCommand.Close(), List.of());
        CaseViews.Detail reopened = one.service().step(disp, id, new CaseCommand.Reopen("又脏了"), List.of());
        clock.advance(Duration.ofHours(6));
        race(one, two);
        String second = CaseReminders.overdueKey(id, reopened.summary().deadline());
        assertThat(second).isNotEqualTo(CaseReminders.overdueKey(id, accepted.summary().deadline()));
        assertThat(recipients(second)).as("overdue again after the reopen: a new transition").containsExactly("disp",
                "dita");
        assertThat(notifications("ditb", "").stream().filter(n -> Long.valueOf(id).equals(n.getLong("case"))))
                .as("itb's dispatcher does not cover ita").isEmpty();
    }

    @Test
    void theNotificationsApiShowsAndMarksOnlyTheCallersOwn() throws Exception {
        HubCases store = scheduler(new ManualClock(Instant.now()));
        Instant at = Instant.now();
        long mine = store.notifications().claim(new Notice("ditb", NoticeKind.OVERDUE, "api:1", "案件 #1 已超期", "t", null,
                List.of(), 1, 1), at).orElseThrow().id();
        long theirs = store.notifications().claim(new Notice("dita", NoticeKind.OVERDUE, "api:1", "案件 #1 已超期", "t",
                null, List.of(), 1, 1), at).orElseThrow().id();
        assertThat(store.notifications().claim(new Notice("ditb", NoticeKind.OVERDUE, "api:1", "again", "t", null,
                List.of(), 1, 1), at)).as("one per user and key").isEmpty();

        String ditb = requests.token("ditb");
        assertThat(notifications("ditb", "").stream().map(n -> n.getLong("id"))).contains(mine).doesNotContain(theirs);
        assertThat(hub.post("/api/v1/notifications/" + theirs + "/read", ditb, "{}").statusCode())
                .as("another user's notification is not found").isEqualTo(404);
        assertThat(hub.column("SELECT read_at IS NULL FROM notification WHERE id = " + theirs)).containsExactly(true);
        long unreadBefore = new JsonObject(hub.get("/api/v1/notifications", ditb).body()).getLong("unread");
        HttpResponse<String> read = hub.post("/api/v1/notifications/" + mine + "/read", ditb, "{}");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(new JsonObject(read.body()).getBoolean("read")).isTrue();
        assertThat(notifications("ditb", "?unread=true").stream().map(n -> n.getLong("id"))).doesNotContain(mine);
        assertThat(new JsonObject(hub.get("/api/v1/notifications", ditb).body()).getLong("unread"))
                .isEqualTo(unreadBefore - 1);
        HttpResponse<String> bad = hub.get("/api/v1/notifications?unread=yes", ditb);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unread");
        assertThat(hub.get("/api/v1/notifications", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theTimeLimitOfACategoryComesFromTheConfigurationAndTheOthersKeepTheirDefaults() throws Exception {
        String disp = requests.token("disp");
        assertThat(acceptedLimit(disp, "environment")).isEqualTo(Duration.ofHours(5));
        assertThat(acceptedLimit(disp, "noise")).as("the default of noise").isEqualTo(Duration.ofHours(48));
    }

    /** Files a case of {@code category} over HTTP, accepts it, and answers its deadline minus the acceptance. */
    private static Duration acceptedLimit(String token, String category) throws Exception {
        HttpResponse<String> filed = requests.json("/api/v1/cases", null, "10.9.0." + category.length(),
                new JsonObject(Map.of("category", category, "description", "限时", "lon", IN_GRID_A[0], "lat",
                        IN_GRID_A[1])));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = new JsonObject(filed.body()).getLong("id");
        HttpResponse<String> accepted = hub.post("/api/v1/cases/" + id + "/accept", token, "{\"assignee\":\"disp\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonObject c = new JsonObject(hub.get("/api/v1/cases/" + id, token).body());
        Instant acceptedAt = c.getJsonArray("history").stream().map(JsonObject.class::cast)
                .filter(h -> "accept".equals(h.getString("action"))).map(h -> Instant.parse(h.getString("at")))
                .findFirst().orElseThrow();
        return Duration.between(acceptedAt, Instant.parse(c.getString("deadline")));
    }

    /**
     * Reports left in {@code submitted} reach the dispatchers whose scope covers them: the digest API (count and the
     * oldest, oldest first) and the morning digest name them; a grid worker's digest keeps its shape.
     */
    @Test
    void untriagedReportsReachTheDispatchersDigestSoNoneWaitsUnseen() throws Exception {
        ManualClock clock = new ManualClock(china(2033, 2, 1, 7, 0));
        HubCases hubCases = scheduler(clock);
        CaseService service = hubCases.service();
        List<Long> filed = new ArrayList<>();
        for (double[] at : new double[][] {IN_GRID_A, IN_GRID_B, CaseRequests.IN_ITB}) {
            filed.add(service.submit(CaseActor.anonymous(), "environment", "无人受理", at[0], at[1], null, List.of()).id());
            clock.advance(Duration.ofMinutes(10));
        }
        try {
            JsonObject ita = new JsonObject(hub.get("/api/v1/cases/digest", requests.token("dita")).body());
            assertThat(ita.getLong("untriaged")).as("ita's two").isEqualTo(2L);
            assertThat(ids(ita.getJsonArray("untriaged_oldest").stream().map(o -> ((JsonObject) o).getLong("id"))
                    .collect(JsonArray::new, JsonArray::add, JsonArray::addAll))).as("oldest first")
                    .containsExactly(filed.get(0), filed.get(1));
            JsonObject all = new JsonObject(hub.get("/api/v1/cases/digest", requests.token("disp")).body());
            assertThat(all.getLong("untriaged")).as("the subdistrict's three").isEqualTo(3L);
            JsonObject worker = new JsonObject(hub.get("/api/v1/cases/digest", requests.token("rw1")).body());
            assertThat(worker.fieldNames()).as("a grid worker's digest keeps its shape")
                    .doesNotContain("untriaged", "untriaged_oldest").contains("assigned", "assigned_open");

            clock.set(china(2033, 2, 1, 8, 0));
            hubCases.reminders().run();
            assertThat(recipients(CaseReminders.digestKey(clock.instant().atZone(CHINA).toLocalDate())))
                    .contains("disp", "dita", "ditb");
            JsonObject morning = notifications("ditb", "").stream().filter(n -> "digest".equals(n.getString("kind"))
                    && ids(n.getJsonArray("cases")).contains(filed.get(2))).findFirst().orElseThrow();
            assertThat(morning.getString("title")).contains("1 件待受理");
            assertThat(morning.getString("text")).contains("待受理 1 件", "#" + filed.get(2));
            assertThat(ids(morning.getJsonArray("cases"))).doesNotContain(filed.get(0), filed.get(1));
        } finally {
            CaseActor disp = dispatcher(service, "disp");
            for (long id : filed) {
                service.step(disp, id, new CaseCommand.Reject("测试结束"), List.of());
            }
        }
    }

    @Test
    void journey2ACaseNotHandledByItsDeadlineIsOverdueForTheDispatcherAndInTheNextDigest() throws Exception {
        ManualClock clock = new ManualClock(china(2032, 5, 5, 9, 0));
        HubCases hubCases = scheduler(clock);
        CaseService service = hubCases.service();
        long id = service.submit(CaseActor.anonymous(), "noise", "楼上装修噪音", IN_GRID_B[0], IN_GRID_B[1], null, List.of())
                .id();
        CaseActor dita = dispatcher(service, "dita");
        CaseViews.Detail accepted = service.step(dita, id, new CaseCommand.Accept(null, null, null), List.of());
        assertThat(accepted.summary().assignee()).as("the grid's worker").isEqualTo("j2w");
        service.step(service.actor("j2w", CaseActor.Kind.GRID_WORKER, "ita"), id, new CaseCommand.Start(), List.of());
        hubCases.reminders().run();
        JsonObject morning = digestListing("j2w", id);
        assertThat(morning.getInteger("overdue")).as("today's digest: not overdue yet").isZero();

        clock.set(china(2032, 5, 7, 9, 30)); // 48 h (noise) and a half past the acceptance
        List<CaseViews.Summary> listed = service.list(dita, null, false, null, "ita", false, 100);
        assertThat(listed.get(0).id()).as("overdue first").isEqualTo(id);
        assertThat(listed.get(0).overdue()).isTrue();
        assertThat(service.list(dita, null, false, null, null, true, 100)).extracting(CaseViews.Summary::id).contains(id);
        assertThat(service.digest(dita).overdueInScope()).isPositive();

        hubCases.reminders().run();
        assertThat(notifications("dita", "?unread=true").stream()
                .filter(n -> "overdue".equals(n.getString("kind")) && Long.valueOf(id).equals(n.getLong("case"))))
                .hasSize(1);
        JsonObject next = notifications("j2w", "").stream().filter(n -> "digest".equals(n.getString("kind"))
                && n.getInteger("overdue") > 0 && ids(n.getJsonArray("cases")).get(0) == id).findFirst().orElseThrow();
        assertThat(next.getString("text")).contains("#" + id).contains("已超期");
        assertThat(next.getString("title")).contains("1 件已超期");
    }

    @Test
    void notificationsOlderThanTheCaseRetentionAreDeleted() throws Exception {
        HubCases store = scheduler(new ManualClock(Instant.now()));
        long old = store.notifications().claim(new Notice("disp", NoticeKind.DIGEST, "retention:old", "旧", "t", null,
                List.of(), 0, 0), Instant.now().minus(hub.config().retention().cases()).minus(Duration.ofDays(1)))
                .orElseThrow().id();
        long recent = store.notifications().claim(new Notice("disp", NoticeKind.DIGEST, "retention:new", "新", "t", null,
                List.of(), 0, 0), Instant.now()).orElseThrow().id();
        new EventRetention(hub.dataSource(), hub.config().retention(), java.time.Clock.systemUTC()).run();
        assertThat(hub.column("SELECT id FROM notification WHERE id IN (" + old + ", " + recent + ")"))
                .containsExactly(recent);
    }

    /** The digest of {@code user} listing case {@code id}, read through the API. */
    private static JsonObject digestListing(String user, long id) throws Exception {
        return notifications(user, "").stream().filter(n -> "digest".equals(n.getString("kind"))
                && ids(n.getJsonArray("cases")).contains(id)).findFirst().orElseThrow();
    }

    private static List<Long> ids(JsonArray array) {
        return array.stream().map(x -> ((Number) x).longValue()).toList();
    }

    private static List<JsonObject> notifications(String user, String query) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/notifications" + query, requests.token(user));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray list = new JsonObject(r.body()).getJsonArray("notifications");
        return list.stream().map(JsonObject.class::cast).toList();
    }
}
