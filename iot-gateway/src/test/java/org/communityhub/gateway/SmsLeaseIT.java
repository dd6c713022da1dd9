package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
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
 * An SMS send that outlives its delivery's lease (the lease ran out while a call to the provider was in flight, and
 * another instance claimed the row) records no outcome, but the numbers the provider confirmed are still kept with
 * the delivery: the retry — whoever makes it — texts only the number not reached. A delivery that has ended meanwhile
 * keeps its emptied list. Against the local {@link DysmsapiFake}, which holds the per-number call to one number until
 * the test has taken the lease over; the other instance's claim (and, later, its lease running out without an outcome,
 * as when it dies) is written into the row as its claim statement would (the 2-minute lease is not waited for).
 */
class SmsLeaseIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DELIVERY_RETRY_SECONDS", "1"));
    static final String KEY_ID = "LTAI5tLeaseKey001";
    static final String SECRET = "lease-access-key-secret";
    static final DysmsapiFake.Answer THROTTLED = new DysmsapiFake.Answer(200, "isv.BUSINESS_LIMIT_CONTROL",
            "触发分钟级流控Permits:1");
    static final Duration WAIT = Duration.ofSeconds(30);
    static DysmsapiFake fake;
    static String admin;

    @BeforeAll
    static void setUp() throws Exception {
        fake = new DysmsapiFake().account(KEY_ID, SECRET);
        admin = hub.login("sms-lease-admin", Role.ADMIN, null);
    }

    @AfterAll
    static void tearDown() {
        fake.close();
    }

    @Test
    void theNumbersReachedByASendThatLostItsLeaseAreNotTextedAgain() throws Exception {
        long channel = channel("sms-lease", "SMS_830", "13800138301,13800138302,13800138303", "ita");
        fake.failNumber("13800138303", THROTTLED);
        long delivery = sendHeldWhileAnotherInstanceClaims(channel, "13800138301", "ita-fb-1", "sms-lease-1");

        fake.release("13800138301");
        awaitLeaseLostAttempt(delivery);
        assertThat(hub.column("SELECT status || ' ' || lease_owner || ' ' || cardinality(sms_reached) FROM delivery"
                + " WHERE id = " + delivery)).as("the other instance's lease untouched, the two numbers reached kept")
                .containsExactly("pending sms-other 2");
        assertThat(hub.column("SELECT d::text FROM delivery d WHERE id = " + delivery).get(0).toString())
                .doesNotContain("1380013");

        // the other instance dies without an outcome: once its lease has run out this hub retries
        fake.failNumber("13800138303", null);
        int before = fake.sent("SMS_830").size();
        hub.column("UPDATE delivery SET lease_until = now() - interval '1 second', next_attempt_at = now() WHERE id = "
                + delivery + " RETURNING id");
        HubFixture.await(WAIT, () -> "delivered; " + row(delivery), () -> "delivered".equals(status(delivery)));
        assertThat(fake.sent("SMS_830").subList(before, fake.sent("SMS_830").size()))
                .singleElement().satisfies(m -> assertThat(m.phones()).containsExactly("13800138303"));
        assertThat(hub.column("SELECT cardinality(sms_reached) FROM delivery WHERE id = " + delivery)).containsExactly(0);
    }

    @Test
    void aSendThatLostItsLeaseAddsNothingToADeliveryThatHasEnded() throws Exception {
        long channel = channel("sms-ended", "SMS_840", "13800138401,13800138402,13800138403", "itb");
        fake.failNumber("13800138403", THROTTLED);
        long delivery = sendHeldWhileAnotherInstanceClaims(channel, "13800138401", "itb-fb-1", "sms-lease-2");
        // the other instance delivered it (its DELIVERED statement)
        hub.column("UPDATE delivery SET status = 'delivered', delivered_at = now(), lease_owner = NULL, lease_until = NULL,"
                + " last_error = NULL, sms_reached = '{}' WHERE id = " + delivery + " RETURNING id");

        fake.release("13800138401");
        awaitLeaseLostAttempt(delivery);
        assertThat(hub.column("SELECT status || ' ' || cardinality(sms_reached) FROM delivery WHERE id = " + delivery))
                .containsExactly("delivered 0");
    }

    /**
     * Publishes a fire alarm of {@code device}; the first attempt's batch is refused for the throttled number, then
     * one call per number goes out, that to {@code heldPhone} held by the fake; meanwhile the lease is taken over
     * by "sms-other" (as its claim writes it). Returns the delivery's id.
     */
    private static long sendHeldWhileAnotherInstanceClaims(long channel, String heldPhone, String device, String event)
            throws Exception {
        fake.hold(heldPhone);
        hub.publish(device, TestDevice.payload(event, "fire.alarm", "{\"floor\":1}"));
        assertThat(fake.awaitHeld(heldPhone, WAIT)).as("the call to " + heldPhone + " in flight; " + hub.diagnostics())
                .isTrue();
        String row = "FROM delivery WHERE channel_id = " + channel + " AND alert_id IS NOT NULL";
        long id = ((Number) hub.column("SELECT id " + row).get(0)).longValue();
        assertThat(hub.column("SELECT attempts || ' ' || lease_owner FROM delivery WHERE id = " + id))
                .containsExactly("1 " + hub.config().instanceId());
        assertThat(hub.column("UPDATE delivery SET lease_owner = 'sms-other', lease_until = now() + interval '2 minutes',"
                + " attempts = attempts + 1 WHERE id = " + id + " AND status = 'pending' RETURNING id")).hasSize(1);
        return id;
    }

    /** Waits until the held send's outcome was logged as an attempt whose lease had run out. */
    private static void awaitLeaseLostAttempt(long delivery) {
        HubFixture.await(WAIT, () -> "the first attempt logged; " + row(delivery), () -> {
            try {
                List<Object> errors = hub.column("SELECT error FROM delivery_attempt WHERE delivery_id = " + delivery
                        + " AND attempt = 1");
                return errors.size() == 1 && String.valueOf(errors.get(0)).startsWith("lease had run out; ");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long channel(String name, String template, String phones, String community) throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("kind", "sms")
                .put("url", fake.url(KEY_ID, "社区中枢", template, phones)).put("secret", SECRET)
                .put("community", community);
        HttpResponse<String> r = hub.post("/api/v1/admin/channels", admin, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
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
}
