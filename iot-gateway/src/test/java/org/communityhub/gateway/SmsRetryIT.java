package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.DysmsapiFake;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fire alarm's SMS that reached some numbers and failed for another (throttled: retried, not refused) is retried
 * by a hub that never saw the first attempt — the same hub restarted, or another instance while the first is down —
 * and the retry texts only the number not reached: the numbers reached are kept with the delivery (as keyed digests,
 * never the numbers) by the statement that records the failed attempt, not in one instance's memory. Against the
 * local {@link DysmsapiFake}; the throttled retry's minute is cut short by moving the row's due time.
 */
class SmsRetryIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DELIVERY_RETRY_SECONDS", "1"));
    static final String KEY_ID = "LTAI5tRetryKey01";
    static final String SECRET = "retry-access-key-secret";
    static final DysmsapiFake.Answer THROTTLED = new DysmsapiFake.Answer(200, "isv.BUSINESS_LIMIT_CONTROL",
            "触发分钟级流控Permits:1");
    static DysmsapiFake fake;
    static String admin;

    @BeforeAll
    static void setUp() throws Exception {
        fake = new DysmsapiFake().account(KEY_ID, SECRET);
        admin = hub.login("sms-retry-admin", Role.ADMIN, null);
    }

    @AfterAll
    static void tearDown() {
        fake.close();
    }

    @Test
    void afterARestartTheRetryTextsOnlyTheNumbersNotReached() throws Exception {
        long channel = channel("sms-restart", "SMS_810", "13800138101,13800138102,13800138103", "ita");
        fake.failNumber("13800138103", THROTTLED);
        hub.publish("ita-fb-1", TestDevice.payload("sms-retry-1", "fire.alarm", "{\"floor\":1}"));
        long delivery = firstAttemptReachedTwo(channel);

        hub.restart();
        fake.failNumber("13800138103", null);
        int before = fake.sent("SMS_810").size();
        dueNow(delivery);
        HubFixture.await(Duration.ofSeconds(30), () -> "delivered; " + row(delivery), () -> "delivered".equals(status(delivery)));
        assertThat(fake.sent("SMS_810").subList(before, fake.sent("SMS_810").size()))
                .singleElement().satisfies(m -> assertThat(m.phones()).containsExactly("13800138103"));
        assertThat(hub.column("SELECT cardinality(sms_reached) FROM delivery WHERE id = " + delivery)).containsExactly(0);
    }

    @Test
    void anotherInstanceTakingTheRetryTextsOnlyTheNumbersNotReached() throws Exception {
        long channel = channel("sms-takeover", "SMS_820", "13800138201,13800138202,13800138203", "itb");
        fake.failNumber("13800138202", THROTTLED);
        hub.publish("itb-fb-1", TestDevice.payload("sms-retry-2", "fire.alarm", "{\"floor\":2}"));
        long delivery = firstAttemptReachedTwo(channel);

        hub.stopHub();
        try (HubApplication other = hub.startAnotherInstance("sms-other")) {
            fake.failNumber("13800138202", null);
            int before = fake.sent("SMS_820").size();
            dueNow(delivery);
            HubFixture.await(Duration.ofSeconds(30), () -> "delivered; " + row(delivery),
                    () -> "delivered".equals(status(delivery)));
            assertThat(fake.sent("SMS_820").subList(before, fake.sent("SMS_820").size()))
                    .singleElement().satisfies(m -> assertThat(m.phones()).containsExactly("13800138202"));
            assertThat(hub.column("SELECT worker FROM delivery_attempt WHERE delivery_id = " + delivery
                    + " ORDER BY attempt")).containsExactly(hub.config().instanceId(), "sms-other");
        } finally {
            hub.startHub();
        }
    }

    /**
     * Waits for the delivery's first attempt: the batch refused for the throttled number, then one call per number,
     * two reached; the row waits for its retry and holds two digests, no number. Returns the delivery's id.
     */
    private static long firstAttemptReachedTwo(long channel) throws Exception {
        String row = "FROM delivery WHERE channel_id = " + channel + " AND alert_id IS NOT NULL";
        HubFixture.await(Duration.ofSeconds(30), () -> "the first attempt recorded; " + hub.diagnostics(),
                () -> count("SELECT count(*) " + row + " AND attempts = 1 AND status = 'pending' AND lease_owner IS NULL"
                        + " AND cardinality(sms_reached) = 2") == 1);
        long id = ((Number) hub.column("SELECT id " + row).get(0)).longValue();
        List<Object> digests = hub.column("SELECT unnest(sms_reached) FROM delivery WHERE id = " + id);
        assertThat(digests).hasSize(2).allSatisfy(d -> assertThat(d.toString()).matches("[0-9a-f]{32}"));
        assertThat(hub.column("SELECT d::text FROM delivery d WHERE id = " + id).get(0).toString())
                .doesNotContain("1380013");
        HttpResponse<String> log = hub.get("/api/v1/admin/deliveries", admin);
        assertThat(log.body()).doesNotContain("1380013").doesNotContain(digests.get(0).toString());
        return id;
    }

    private static long channel(String name, String template, String phones, String community) throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("kind", "sms")
                .put("url", fake.url(KEY_ID, "社区中枢", template, phones)).put("secret", SECRET)
                .put("community", community);
        HttpResponse<String> r = hub.post("/api/v1/admin/channels", admin, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    /** The throttled retry's minute has passed. */
    private static void dueNow(long delivery) throws Exception {
        try (Connection c = hub.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE delivery SET next_attempt_at = now() WHERE id = " + delivery);
        }
    }

    private static String status(long delivery) {
        try {
            return hub.column("SELECT status FROM delivery WHERE id = " + delivery).get(0).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String row(long delivery) {
        try {
            return hub.column("SELECT status || ' attempts ' || attempts || ' ' || coalesce(last_error, '') FROM delivery"
                    + " WHERE id = " + delivery).toString();
        } catch (Exception e) {
            return e.toString();
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
