package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
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
 * CONTRACT §8 {@code sms} channels end to end against a local fake of Alibaba Cloud's SendSms ({@link DysmsapiFake},
 * which recomputes each signature with the AccessKey secret): a fire alarm is sent once, as three short template
 * fields, to the channel's numbers and the paged guard's; a permanent refusal of every number (illegal) fails at once without
 * a retry, a throttled call waits a minute, a batch with an illegal number and one over its day limit still reaches the
 * others (one call per number, +86/0086 numbers normalised), a provider error (HTTP 500) is retried and then
 * delivered; the delivery log shows the provider's Code and Message (numbers masked); the test button sends, and
 * reports a wrong secret. Retries after 1 s here.
 */
class SmsChannelIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DELIVERY_RETRY_SECONDS", "1",
            "HUB_PUBLIC_URL", "https://hub.example.cn"));
    static final String KEY_ID = "LTAI5tFakeKey01";
    static final String SECRET = "fake-access-key-secret";
    static DysmsapiFake fake;
    static String admin;

    @BeforeAll
    static void setUp() throws Exception {
        fake = new DysmsapiFake().account(KEY_ID, SECRET);
        admin = hub.login("sms-admin", Role.ADMIN, null);
        hub.login("sms-guard", Role.SECURITY, "ita");
        assertThat(put("/api/v1/admin/users/sms-guard/phone", new JsonObject().put("phone", "137-0013-7000"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> shift = hub.post("/api/v1/admin/roster", admin, new JsonObject().put("user", "sms-guard")
                .put("community", "ita").put("tier", 1).put("start", "00:00").put("end", "00:00").encode());
        assertThat(shift.statusCode()).as(shift.body()).isEqualTo(201);
        channel("sms-duty", "SMS_100", "13800138000,13900139000", SECRET, "ita");
        channel("sms-bad-number", "SMS_200", "13800138001", SECRET, "ita");
        channel("sms-throttled", "SMS_300", "13800138002", SECRET, "ita");
        channel("sms-flaky", "SMS_400", "13800138003", SECRET, "ita");
        channel("sms-mixed", "SMS_700", "+8613800138020,008613800138021,13800138099,13800138098", SECRET, "ita");
        fake.failNumber("13800138099", new DysmsapiFake.Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号 13800138099"));
        fake.failNumber("13800138098", new DysmsapiFake.Answer(200, "isv.DAY_LIMIT_CONTROL", "触发日发送限额"));
        // every channel of ita also texts the paged guard: the bad number's call to both is split, then the guard's
        // call is refused too (its next answer); the throttled number's split call leaves the guard reached
        fake.failNumber("13800138001", new DysmsapiFake.Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"));
        fake.failNext("SMS_200", new DysmsapiFake.Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"));
        fake.failNumber("13800138002", new DysmsapiFake.Answer(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"));
        fake.failNext("SMS_400", new DysmsapiFake.Answer(500, "isp.SYSTEM_ERROR", "系统错误"));
    }

    @AfterAll
    static void tearDown() {
        fake.close();
    }

    @Test
    void aFireAlarmIsTextedOnceAndPermanentRefusalsAreNotRetried() throws Exception {
        hub.publish("ita-fb-1", TestDevice.payload("sms-1", "fire.alarm", "{\"floor\":2}"));
        HubFixture.await(Duration.ofSeconds(30), () -> "statuses " + statuses() + ", refused " + fake.refusals(),
                () -> statuses().equals(Map.of("sms-duty", "delivered", "sms-bad-number", "failed",
                        "sms-throttled", "pending", "sms-flaky", "delivered", "sms-mixed", "delivered")));
        assertThat(fake.refusals()).isEmpty();

        List<DysmsapiFake.Sms> sent = fake.sent("SMS_100");
        assertThat(sent).hasSize(1);
        DysmsapiFake.Sms sms = sent.get(0);
        assertThat(sms.phones()).containsExactly("13800138000", "13900139000", "13700137000");
        assertThat(sms.param("SignName")).isEqualTo("社区中枢");
        assertThat(sms.param("AccessKeyId")).isEqualTo(KEY_ID);
        JsonObject fields = new JsonObject(sms.param("TemplateParam"));
        assertThat(fields.fieldNames()).containsExactlyInAnyOrder("what", "where", "when");
        assertThat(fields.getString("what")).startsWith("火警");
        assertThat(fields.getString("where")).contains("测试甲社区", "1栋", "2层");
        assertThat(fields.getString("when")).matches("\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(fields.encode()).doesNotContain("sms-guard", "http").hasSizeLessThan(300);
        fields.forEach(f -> assertThat(f.getValue().toString().codePointCount(0, f.getValue().toString().length()))
                .isLessThanOrEqualTo(35));

        // no number reachable: one attempt (the batch, then one call per number), failed for good, the provider's
        // code and message per masked number in the log
        assertThat(fake.sent("SMS_200")).hasSize(3);
        JsonObject refused = attempts("sms-bad-number").get(0);
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("error")).isEqualTo("0 of 2 numbers reached; 138******01 isv.MOBILE_NUMBER_ILLEGAL:"
                + " 非法手机号; 137******00 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
        assertThat(attempts("sms-bad-number")).hasSize(1);
        // the provider's 500: retried, then delivered
        assertThat(attempts("sms-flaky")).extracting(a -> a.getString("status")).containsExactly("retry", "delivered");
        assertThat(fake.sent("SMS_400")).hasSize(2);
        // throttled: waits a minute, the rate-limit window
        assertThat(attempts("sms-throttled")).extracting(a -> a.getString("error"))
                .containsExactly("1 of 2 numbers reached; 138******02 isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1");
        assertThat(hub.column("SELECT extract(epoch FROM d.next_attempt_at - t.at) FROM delivery d"
                + " JOIN channel c ON c.id = d.channel_id JOIN delivery_attempt t ON t.delivery_id = d.id"
                + " WHERE c.name = 'sms-throttled'")).singleElement()
                .satisfies(s -> assertThat(((Number) s).doubleValue()).isGreaterThan(55));
        // still one text to the duty channel, and the refused one never tried again, after the retry ran
        assertThat(fake.sent("SMS_100")).hasSize(1);
        assertThat(fake.sent("SMS_200")).hasSize(3);
        assertThat(fake.sent("SMS_300")).hasSize(3);
        assertThat(hub.get("/api/v1/admin/deliveries", admin).body()).doesNotContain(SECRET);

        // a batch with an illegal number and one over its day limit: +86/0086 normalised, the batch refused as a
        // whole, then one call per number; the three valid numbers got it, the two others named (masked) in the log
        List<DysmsapiFake.Sms> mixed = fake.sent("SMS_700");
        List<String> all = List.of("13800138020", "13800138021", "13800138099", "13800138098", "13700137000");
        assertThat(mixed).hasSize(6);
        assertThat(mixed.get(0).phones()).containsExactlyElementsOf(all);
        assertThat(mixed.subList(1, 6)).allSatisfy(m -> assertThat(m.phones()).hasSize(1))
                .flatExtracting(DysmsapiFake.Sms::phones).containsExactlyInAnyOrderElementsOf(all);
        JsonObject partly = attempts("sms-mixed").get(0);
        assertThat(attempts("sms-mixed")).hasSize(1);
        assertThat(partly.getString("status")).isEqualTo("delivered");
        assertThat(partly.getString("error")).startsWith("3 of 5 numbers reached")
                .contains("138******99 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号 138******99",
                        "138******98 isv.DAY_LIMIT_CONTROL: 触发日发送限额");
        assertThat(hub.get("/api/v1/admin/deliveries", admin).body()).doesNotContain("13800138099", "13800138098",
                "13800138020");
    }

    @Test
    void theTestButtonTextsAndReportsAWrongSecret() throws Exception {
        long id = channel("sms-test", "SMS_500", "13800138009", SECRET, "itb");
        JsonObject ok = new JsonObject(hub.post("/api/v1/admin/channels/" + id + "/test", admin, "{}").body());
        assertThat(ok.getBoolean("delivered")).as(ok.encode()).isTrue();
        assertThat(fake.sent("SMS_500")).singleElement().satisfies(s -> {
            assertThat(s.phones()).containsExactly("13800138009");
            assertThat(new JsonObject(s.param("TemplateParam")).getString("what")).isEqualTo("通知渠道测试");
        });

        long wrong = channel("sms-wrong-secret", "SMS_600", "13800138010", "not-the-secret", "itb");
        JsonObject bad = new JsonObject(hub.post("/api/v1/admin/channels/" + wrong + "/test", admin, "{}").body());
        assertThat(bad.getBoolean("delivered")).isFalse();
        assertThat(bad.getInteger("http_status")).isEqualTo(400);
        assertThat(bad.getString("error")).startsWith("SignatureDoesNotMatch").doesNotContain("not-the-secret");
        assertThat(fake.sent("SMS_600")).isEmpty();
        assertThat(fake.refusals()).anyMatch(r -> r.startsWith("SignatureDoesNotMatch"));
    }

    private static long channel(String name, String template, String phones, String secret, String community)
            throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("kind", "sms")
                .put("url", fake.url(KEY_ID, "社区中枢", template, phones)).put("secret", secret)
                .put("community", community);
        HttpResponse<String> r = hub.post("/api/v1/admin/channels", admin, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    private static Map<String, String> statuses() {
        try {
            Map<String, String> out = new java.util.HashMap<>();
            for (Object row : hub.column("SELECT c.name || '=' || d.status FROM delivery d JOIN channel c"
                    + " ON c.id = d.channel_id WHERE d.alert_id IS NOT NULL")) {
                String[] kv = row.toString().split("=");
                out.put(kv[0], kv[1]);
            }
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static List<JsonObject> attempts(String channel) throws Exception {
        JsonArray all = new JsonObject(hub.get("/api/v1/admin/deliveries", admin).body()).getJsonArray("deliveries");
        return all.stream().map(o -> (JsonObject) o).filter(d -> d.getJsonObject("channel").getString("name")
                .equals(channel) && d.getValue("alert") != null)
                .sorted((a, b) -> Integer.compare(a.getInteger("attempt"), b.getInteger("attempt"))).toList();
    }

    private static HttpResponse<String> put(String path, JsonObject body) throws Exception {
        return hub.http().send(HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("authorization", "Bearer " + admin)
                .PUT(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
