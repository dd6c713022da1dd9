package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONTRACT §8 deliveries, end to end: a fire alarm from a device reaches every matching tier-1 channel of each kind
 * on a real local HTTP receiver, signed by each service's rules (verified here independently) and in its format; a
 * channel of another community or above the alert's severity gets nothing; a receiver failing twice gets the
 * message once, on the third attempt, with the retries in the delivery log; a robot's rate-limit answer waits a
 * minute. Retries after 1 s here.
 */
class DeliveryIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DELIVERY_RETRY_SECONDS", "1",
            "HUB_PUBLIC_URL", "https://hub.example.cn"));
    static ChannelReceiver receiver;
    static String admin;
    static final Map<String, Long> CHANNELS = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        admin = hub.login("dl-admin", Role.ADMIN, null);
        channel("webhook", "webhook", "/webhook", "hook-secret", "ita", null);
        channel("dingtalk", "dingtalk", "/dingtalk/robot/send?access_token=tok123", "SEC-ding", null, null);
        channel("feishu", "feishu", "/feishu/open-apis/bot/v2/hook/abc", "feishu-secret", "ita", null);
        channel("wecom", "wecom", "/wecom/cgi-bin/webhook/send?key=k1", null, "ita", null);
        channel("flaky", "webhook", "/flaky", null, "ita", null);
        channel("limited", "wecom", "/wecom-limited", null, "ita", null);
        channel("other", "webhook", "/other-community", null, "itb", null);
        channel("tier-2", "webhook", "/tier2", null, "ita", 2);
        receiver.failNext("/flaky", new ChannelReceiver.Answer(500, "{}"), new ChannelReceiver.Answer(503, "{}"));
        receiver.failNext("/wecom-limited",
                new ChannelReceiver.Answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    @Test
    void aFireAlarmReachesEveryMatchingChannelSignedAndInItsFormat() throws Exception {
        publish("ita-fb-1", TestDevice.payload("dl-1", "fire.alarm", "{\"floor\":2}"));
        HubFixture.await(Duration.ofSeconds(20), () -> "deliveries: " + receiverCounts(), () ->
                List.of("/webhook", "/dingtalk/robot/send", "/feishu/open-apis/bot/v2/hook/abc", "/wecom/cgi-bin/webhook/send",
                        "/flaky").stream().allMatch(p -> !receiver.requests(p).isEmpty())
                        && receiver.requests("/flaky").size() == 3);
        long alertId = ((Number) hub.column("SELECT id FROM alert WHERE device_code = 'ita-fb-1'").get(0)).longValue();

        ChannelReceiver.Request webhook = receiver.requests("/webhook").get(0);
        JsonObject body = new JsonObject(webhook.text());
        assertThat(body.getString("kind")).isEqualTo("alert");
        assertThat(body.getInteger("tier")).isEqualTo(1);
        assertThat(body.getString("link")).isEqualTo("https://hub.example.cn/#alert=" + alertId);
        JsonObject alert = body.getJsonObject("alert");
        JsonObject asApi = new JsonObject(hub.get("/api/v1/alerts/" + alertId, admin).body());
        for (String field : List.of("id", "severity", "kind", "device", "building", "compound", "community", "opened_at",
                "event_ids")) {
            assertThat(alert.getValue(field)).as(field).isEqualTo(asApi.getValue(field));
        }
        assertThat(webhook.header("X-Hub-Signature-256")).isEqualTo("sha256=" + ChannelsIT.hmacHex("hook-secret",
                webhook.body()));
        assertThat(webhook.header("X-Hub-Delivery")).matches("[0-9a-f-]{36}");

        ChannelReceiver.Request ding = receiver.requests("/dingtalk/robot/send").get(0);
        Map<String, String> q = query(ding.query());
        assertThat(q.get("access_token")).isEqualTo("tok123");
        long ts = Long.parseLong(q.get("timestamp"));
        assertThat(Math.abs(ts - Instant.now().toEpochMilli())).isLessThan(60_000);
        assertThat(URLEncoder.encode(q.get("sign"), StandardCharsets.UTF_8))
                .isEqualTo(URLEncoder.encode(base64Hmac("SEC-ding", ts + "\nSEC-ding"), StandardCharsets.UTF_8));
        JsonObject dingBody = new JsonObject(ding.text());
        assertThat(dingBody.getString("msgtype")).isEqualTo("markdown");
        assertThat(dingBody.getJsonObject("markdown").getString("title")).contains("火警");
        assertThat(dingBody.getJsonObject("markdown").getString("text"))
                .contains("测试甲社区", "景田花园", "1栋", "2层", "消火栓", "https://hub.example.cn/#alert=" + alertId);

        JsonObject feishu = new JsonObject(receiver.requests("/feishu/open-apis/bot/v2/hook/abc").get(0).text());
        assertThat(feishu.getString("msg_type")).isEqualTo("text");
        assertThat(feishu.getJsonObject("content").getString("text")).contains("火警", "测试甲社区");
        String seconds = feishu.getString("timestamp");
        assertThat(feishu.getString("sign")).isEqualTo(base64HmacKeyed(seconds + "\nfeishu-secret"));

        JsonObject wecom = new JsonObject(receiver.requests("/wecom/cgi-bin/webhook/send").get(0).text());
        assertThat(wecom.getString("msgtype")).isEqualTo("markdown");
        assertThat(wecom.getJsonObject("markdown").getString("content")).contains("火警", "1栋");
        assertThat(receiver.requests("/wecom/cgi-bin/webhook/send").get(0).query()).isEqualTo("key=k1");

        assertThat(receiver.requests("/other-community")).isEmpty();
        assertThat(receiver.requests("/tier2")).isEmpty();

        List<ChannelReceiver.Request> flaky = receiver.requests("/flaky");
        assertThat(flaky.stream().map(r -> r.header("X-Hub-Delivery")).distinct()).hasSize(1);
        HubFixture.await(Duration.ofSeconds(10), "the flaky delivery recorded", () ->
                log(alertId).stream().filter(e -> e.getJsonObject("channel").getLong("id").equals(CHANNELS.get("flaky")))
                        .count() == 3);
        List<JsonObject> attempts = log(alertId).stream()
                .filter(e -> e.getJsonObject("channel").getLong("id").equals(CHANNELS.get("flaky")))
                .sorted((a, b) -> Integer.compare(a.getInteger("attempt"), b.getInteger("attempt"))).toList();
        assertThat(attempts).extracting(e -> e.getString("status")).containsExactly("retry", "retry", "delivered");
        assertThat(attempts).extracting(e -> e.getInteger("http_status")).containsExactly(500, 503, 200);
        assertThat(attempts.get(0).getString("error")).isEqualTo("HTTP 500");
        assertThat(attempts.get(0).getInteger("tier")).isEqualTo(1);
        assertThat(attempts.get(0).getString("time")).isNotBlank();
        assertThat(attempts.get(0).getJsonObject("channel").getString("name")).isEqualTo("flaky");
        assertThat(hub.column("SELECT count(*) FROM delivery WHERE alert_id = " + alertId + " AND status = 'delivered'"))
                .containsExactly(5L);

        HubFixture.await(Duration.ofSeconds(10), "the rate-limited attempt", () -> !receiver.requests("/wecom-limited")
                .isEmpty() && !queryOrEmpty("SELECT next_attempt_at FROM delivery d JOIN channel c ON c.id = d.channel_id"
                + " WHERE c.name = 'limited' AND d.next_attempt_at IS NOT NULL").isEmpty());
        assertThat(hub.column("SELECT extract(epoch FROM d.next_attempt_at - t.at) FROM delivery d"
                + " JOIN channel c ON c.id = d.channel_id JOIN delivery_attempt t ON t.delivery_id = d.id"
                + " WHERE c.name = 'limited'")).singleElement()
                .satisfies(s -> assertThat(((Number) s).doubleValue()).isGreaterThan(55));
        assertThat(hub.get("/api/v1/admin/deliveries", admin).body()).contains("errcode 45009")
                .doesNotContain("tok123", "hook-secret", "SEC-ding");
    }

    private static List<Object> queryOrEmpty(String sql) {
        try {
            return hub.column(sql);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<JsonObject> log(long alertId) {
        try {
            JsonArray a = new JsonObject(hub.get("/api/v1/admin/deliveries?alert=" + alertId, admin).body())
                    .getJsonArray("deliveries");
            return a.stream().map(o -> (JsonObject) o).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String receiverCounts() {
        return List.of("/webhook", "/dingtalk/robot/send", "/feishu/open-apis/bot/v2/hook/abc",
                "/wecom/cgi-bin/webhook/send", "/flaky").stream().map(p -> p + "=" + receiver.requests(p).size())
                .collect(Collectors.joining(", ")) + " " + queryOrEmpty("SELECT status || ' ' || coalesce(last_error, '')"
                + " FROM delivery");
    }

    private static JsonObject channel(String name, String kind, String path, String secret, String community,
                                      Integer tier) throws Exception {
        JsonObject body = new JsonObject().put("name", name).put("kind", kind).put("url", receiver.url(path))
                .put("secret", secret).put("community", community);
        if (tier != null) {
            body.put("tier", tier);
        }
        var r = hub.post("/api/v1/admin/channels", admin, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        CHANNELS.put(name, new JsonObject(r.body()).getLong("id"));
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String base64Hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static String base64HmacKeyed(String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    }

    private static void publish(String code, String payload) throws Exception {
        publish(hub, code, payload);
    }

    /** Publishes one event as the device {@code code} of {@code hub}. */
    static void publish(HubExtension hub, String code, String payload) throws Exception {
        TestDevice d = hub.device(code);
        MqttClient c = d.connect(hub.mqttUrl());
        try {
            d.publish(c, payload);
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
