package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.config.ManualClock;
import org.communityhub.gateway.http.outbound.RobotSender;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisAlertStore;
import org.communityhub.gateway.postgis.PostgisChannelStore;
import org.communityhub.gateway.postgis.PostgisDeliveryStore;
import org.communityhub.gateway.postgis.PostgisIncidentContext;
import org.communityhub.gateway.responders.DeliveryWorker;
import org.communityhub.gateway.responders.NoticeComposer;
import org.communityhub.gateway.responders.PhoneDigests;
import org.communityhub.gateway.responders.RetryPolicy;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox under competition, with a clock the test moves: two more delivery workers (as two more hub instances
 * would run them) race the hub's own over one outbox and each (alert, tier, channel) reaches its receiver exactly
 * once; a delivery leased by a worker that died mid-send is sent by another once the lease has run out; escalation
 * pages tier 2 after {@code HUB_ESCALATE_AFTER_SECONDS} and tier 3 after twice that, and an acknowledged but
 * unconfirmed fire alarm escalates after {@code HUB_FIRE_CONFIRM_SECONDS}; a channel that never answers holds at most
 * {@link DeliveryWorker#MAX_PER_CHANNEL} sends per worker while the other channels' deliveries go on. The alerts are
 * opened a day ahead of the real time, so the hub's own escalation job (real clock) never touches them; each test
 * deletes its channels.
 */
class DeliveryRaceIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    static final Duration AFTER = Duration.ofSeconds(60);
    static final Duration FIRE_CONFIRM = Duration.ofSeconds(180);
    static final ManualClock CLOCK = new ManualClock(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
    static Vertx vertx;
    static ChannelReceiver receiver;
    static String admin;
    static final List<DeliveryWorker> WORKERS = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        receiver = new ChannelReceiver();
        admin = hub.login("race-admin", Role.ADMIN, null);
        DataSource ds = hub.dataSource();
        PostgisDeliveryStore store = new PostgisDeliveryStore(ds, new PostgisChannelStore(ds));
        NoticeComposer composer = new NoticeComposer(new PostgisIncidentContext(ds, new PostgisGeoQueries(ds)),
                "https://hub.example.cn");
        for (String owner : List.of("race-a", "race-b")) {
            WORKERS.add(new DeliveryWorker(owner, store, new PostgisAlertStore(ds), composer,
                    new RobotSender(WebClient.create(vertx), CLOCK, Duration.ofSeconds(10), PhoneDigests.fromChannelKey(
                            new InstallationSecrets(ds).getOrCreate(InstallationSecrets.CHANNEL_KEY))),
                    new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 5)).start(Duration.ofMillis(20)));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        WORKERS.forEach(DeliveryWorker::close);
        receiver.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void threeWorkersRacingDeliverEachAlertTierAndChannelExactlyOnce() throws Exception {
        long all = channel("race-all", "/race", null, 1);
        long ita = channel("race-ita", "/race-ita", "ita", 1);
        try {
            insertAlerts("intrusion", "high", 40, false);
            String attempts = "SELECT count(*) FROM delivery_attempt t JOIN delivery d ON d.id = t.delivery_id"
                    + " WHERE d.channel_id IN (" + all + ", " + ita;
            HubFixture.await(Duration.ofSeconds(30), () -> "60 deliveries: " + count("SELECT count(*) FROM delivery"
                    + " WHERE status = 'delivered'"), () -> count("SELECT count(*) FROM delivery WHERE status = 'delivered'"
                    + " AND channel_id IN (" + all + ", " + ita + ")") == 60
                    && count(attempts + ")") >= 60);
            assertThat(receiver.requests("/race")).hasSize(40);
            assertThat(receiver.requests("/race").stream().map(r -> r.header("X-Hub-Delivery")).distinct()).hasSize(40);
            assertThat(receiver.requests("/race").stream().map(r -> new JsonObject(r.text()).getJsonObject("alert")
                    .getLong("id")).distinct()).hasSize(40);
            assertThat(receiver.requests("/race-ita")).hasSize(20)
                    .allMatch(r -> new JsonObject(r.text()).getJsonObject("alert").getString("community").equals("ita"));
            assertThat(count(attempts + ")")).isEqualTo(60);
            assertThat(count(attempts + ") AND (t.status <> 'delivered' OR t.error IS NOT NULL)")).isZero();
        } finally {
            delete(all, ita);
        }
    }

    @Test
    void aDeliveryLeasedByAWorkerThatDiedIsSentByAnotherAfterTheLease() throws Exception {
        long ch = channel("lease", "/lease", "ita", 1);
        try {
            long alert;
            Instant leaseUntil;
            try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                alert = insertAlert(s, "intrusion", "high", "ita", "lease-1");
                // as PostgisDeliveryStore.claim leaves it (with a 2 s lease): leased, the attempt counted; then the
                // worker died. Nobody else may send it while the lease holds.
                s.executeUpdate("UPDATE delivery SET lease_owner = 'crashed', attempts = 1,"
                        + " lease_until = clock_timestamp() + interval '2 seconds' WHERE alert_id = " + alert);
                c.commit();
                try (var rs = s.executeQuery("SELECT lease_until FROM delivery WHERE alert_id = " + alert)) {
                    rs.next();
                    leaseUntil = rs.getTimestamp(1).toInstant();
                }
            }
            HubFixture.await(Duration.ofSeconds(20), "the delivery taken over", () ->
                    count("SELECT count(*) FROM delivery WHERE status = 'delivered' AND alert_id = " + alert) == 1);
            assertThat(receiver.requests("/lease")).hasSize(1);
            assertThat(hub.column("SELECT attempts FROM delivery WHERE alert_id = " + alert)).containsExactly(2);
            assertThat(hub.column("SELECT count(*) FROM delivery_attempt t JOIN delivery d ON d.id = t.delivery_id"
                    + " WHERE d.alert_id = " + alert + " AND t.at >= '" + leaseUntil + "'::timestamptz")).containsExactly(1L);
            assertThat(hub.column("SELECT worker FROM delivery_attempt t JOIN delivery d ON d.id = t.delivery_id"
                    + " WHERE d.alert_id = " + alert)).singleElement().isNotEqualTo("crashed");
        } finally {
            delete(ch);
        }
    }

    @Test
    void aChannelThatNeverAnswersHoldsAFewSendsPerWorkerWhileTheOtherChannelGoesOn() throws Exception {
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 256, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long quiet = channel("silent", "http://127.0.0.1:" + silent.getLocalPort() + "/silent", null, 1);
            long beside = channel("beside", receiver.url("/beside"), null, 1);
            try {
                try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
                    for (int i = 0; i < 60; i++) {
                        insertAlert(s, "intrusion", "high", i % 2 == 0 ? "ita" : "itb", "silent-" + i);
                    }
                }
                String leased = "SELECT count(*) FROM delivery WHERE channel_id = " + quiet + " AND status = 'pending'"
                        + " AND lease_owner IS NOT NULL";
                AtomicLong mostLeased = new AtomicLong();
                HubFixture.await(Duration.ofSeconds(30), () -> "delivered beside the silent channel: "
                        + receiver.requests("/beside").size(), () -> {
                            mostLeased.accumulateAndGet(count(leased), Math::max);
                            return count("SELECT count(*) FROM delivery WHERE status = 'delivered' AND channel_id = "
                                    + beside) == 60;
                        });
                // the hub's own worker and the two here: each holds at most its per-channel share of the silent one
                assertThat(mostLeased.get()).isBetween(1L, 3L * DeliveryWorker.MAX_PER_CHANNEL);
                assertThat(receiver.requests("/beside").stream().map(r -> r.header("X-Hub-Delivery")).distinct())
                        .hasSize(60);
                assertThat(receiver.requests("/beside")).hasSize(60);
            } finally {
                delete(quiet, beside);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void unacknowledgedCriticalAlertsPageTierTwoThenThreeAndUnconfirmedFireAlarmsEscalateToo() throws Exception {
        long t2 = channel("tier-2", "/tier-2", "ita", 2);
        long t3 = channel("tier-3", "/tier-3", null, 3);
        try {
            PostgisAlertStore alerts = new PostgisAlertStore(hub.dataSource());
            Instant opened = CLOCK.instant();
            long open;
            long acked;
            try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
                open = insertAlert(s, "fire", "critical", "ita", "esc-open");
                acked = insertAlert(s, "fire", "critical", "ita", "esc-acked");
                s.executeUpdate("UPDATE alert SET status = 'acknowledged', acknowledged_by = 'x', acknowledged_at = now()"
                        + " WHERE id = " + acked);
            }
            assertThat(alerts.escalateDue(AFTER, FIRE_CONFIRM, opened.plus(AFTER).minusSeconds(1))).isEmpty();
            assertThat(ids(alerts.escalateDue(AFTER, FIRE_CONFIRM, opened.plus(AFTER)))).containsExactly(open);
            HubFixture.await(Duration.ofSeconds(20), "tier 2 paged", () -> receiver.requests("/tier-2").size() == 1);
            JsonObject paged = new JsonObject(receiver.requests("/tier-2").get(0).text());
            assertThat(paged.getInteger("tier")).isEqualTo(2);
            assertThat(paged.getJsonObject("alert").getLong("id")).isEqualTo(open);
            assertThat(paged.getJsonObject("alert").getInteger("escalation_level")).isEqualTo(1);
            assertThat(paged.getString("title")).contains("升级2级");
            assertThat(receiver.requests("/tier-3")).isEmpty();

            assertThat(ids(alerts.escalateDue(AFTER, FIRE_CONFIRM, opened.plus(AFTER.multipliedBy(2))))).containsExactly(open);
            HubFixture.await(Duration.ofSeconds(20), "tier 3 paged", () -> receiver.requests("/tier-3").size() == 1);
            assertThat(new JsonObject(receiver.requests("/tier-3").get(0).text()).getInteger("tier")).isEqualTo(3);

            assertThat(alerts.escalateDue(AFTER, FIRE_CONFIRM, opened.plus(FIRE_CONFIRM).minusSeconds(1))).isEmpty();
            assertThat(ids(alerts.escalateDue(AFTER, FIRE_CONFIRM, opened.plus(FIRE_CONFIRM)))).containsExactly(acked);
            HubFixture.await(Duration.ofSeconds(20), "tier 2 paged for the unconfirmed one", () ->
                    receiver.requests("/tier-2").size() == 2);
            assertThat(receiver.requests("/tier-2")).hasSize(2);
            assertThat(receiver.requests("/tier-3")).hasSize(1);
            assertThat(hub.column("SELECT detail FROM audit_log WHERE action = 'alert.escalate' AND object_id = '" + acked
                    + "'")).singleElement().asString().contains("fire alarm not confirmed");
        } finally {
            delete(t2, t3);
        }
    }

    private static List<Long> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::id).toList();
    }

    private static void insertAlerts(String kind, String severity, int n, boolean fire) throws Exception {
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                insertAlert(s, kind, severity, i % 2 == 0 ? "ita" : "itb", "race-" + i);
            }
        }
    }

    private static long insertAlert(Statement s, String kind, String severity, String community, String key)
            throws Exception {
        String device = kind.equals("fire") ? community + "-fb-1" : community + "-cam-1";
        String at = "'" + CLOCK.instant() + "'::timestamptz";
        try (var rs = s.executeQuery("INSERT INTO alert (rule, correlation_key, kind, severity, device_code,"
                + " community_code, opened_at, last_event_at, event_ids) VALUES ('" + kind + "', '" + key + "', '" + kind
                + "', '" + severity + "', '" + device + "', '" + community + "', " + at + ", " + at + ", ARRAY['" + key
                + "']) RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A webhook channel to {@code path} at the receiver, or to {@code path} itself when it is a whole URL. */
    private static long channel(String name, String path, String community, int tier) throws Exception {
        var r = hub.post("/api/v1/admin/channels", admin, new JsonObject().put("name", name).put("kind", "webhook")
                .put("url", path.startsWith("http") ? path : receiver.url(path)).put("community", community)
                .put("tier", tier).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static void delete(long... ids) throws Exception {
        for (long id : ids) {
            assertThat(hub.delete("/api/v1/admin/channels/" + id, admin).statusCode()).isEqualTo(200);
        }
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
