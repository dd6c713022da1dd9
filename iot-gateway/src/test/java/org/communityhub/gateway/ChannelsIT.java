package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.ChannelReceiver;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONTRACT §8 channels: admin only; each invalid field is a 400 naming it (an {@code sms} URL's bad parameter names
 * {@code url} and the parameter); an {@code sms} channel is 201 with its AccessKeyId and numbers masked;
 * the secret (and the credentials in a URL) are never returned, logged in the audit or stored in plain text; the test
 * button reaches a real receiver signed, and reports a failing one; both are in the delivery log (without an alert).
 */
class ChannelsIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();
    static ChannelReceiver receiver;
    static String admin;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new ChannelReceiver();
        admin = hub.login("ch-admin", Role.ADMIN, null);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
    }

    @Test
    void secretsAndUrlCredentialsAreNeverShownNorStoredInPlainText() throws Exception {
        HttpResponse<String> created = create(new JsonObject().put("name", "物业群").put("kind", "wecom")
                .put("url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-0123456789").put("tier", 1));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> signed = create(new JsonObject().put("name", "值班钉钉").put("kind", "dingtalk")
                .put("url", "https://oapi.dingtalk.com/robot/send?access_token=ding-token-0123456789")
                .put("secret", "SEC-very-secret-ding").put("community", "ita").put("min_severity", "high"));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        JsonObject body = new JsonObject(signed.body());
        assertThat(body.getLong("id")).isPositive();
        assertThat(body.containsKey("secret")).isFalse();
        assertThat(body.getBoolean("has_secret")).isTrue();
        assertThat(body.getString("community")).isEqualTo("ita");
        assertThat(body.getString("min_severity")).isEqualTo("high");
        assertThat(body.getInteger("tier")).isEqualTo(1);

        String list = hub.get("/api/v1/admin/channels", admin).body();
        assertThat(list).contains("物业群", "值班钉钉", "qyapi.weixin.qq.com")
                .doesNotContain("SEC-very-secret-ding", "wecom-key-0123456789", "ding-token-0123456789");
        assertThat(signed.body() + created.body()).doesNotContain("SEC-very-secret-ding", "wecom-key-0123456789");
        for (Object sealed : hub.column("SELECT encode(url_sealed, 'escape') || coalesce(encode(secret, 'escape'), '') "
                + "|| url_shown FROM channel")) {
            assertThat(sealed.toString()).doesNotContain("SEC-very-secret-ding", "wecom-key-0123456789",
                    "ding-token-0123456789");
        }
        assertThat(hub.column("SELECT detail FROM audit_log WHERE object_type = 'channel'")).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(d -> !d.toString().contains("SEC-very") && !d.toString().contains("0123456789"));
    }

    @Test
    void everyBadFieldIsA400NamingItAndSmsIsA201() throws Exception {
        JsonObject ok = new JsonObject().put("name", "x").put("kind", "webhook").put("url", "https://example.cn/hook");
        assertError(create(ok.copy().put("name", "")), 400, "name");
        assertError(create(ok.copy().put("kind", "pager")), 400, "kind");
        String sms = "https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI5tSmsKey0123&SignName=%E7%A4%BE%E5%8C%BA"
                + "&TemplateCode=SMS_123456&PhoneNumbers=13800138000,%2B8613900139000";
        JsonObject smsOk = ok.copy().put("kind", "sms").put("url", sms).put("secret", "sms-access-secret-0123");
        HttpResponse<String> created = create(smsOk);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(new JsonObject(created.body()).getString("kind")).isEqualTo("sms");
        assertThat(new JsonObject(created.body()).getString("url")).startsWith("https://dysmsapi.aliyuncs.com")
                .contains("AccessKeyId=LTAI…")
                .doesNotContain("LTAI5tSmsKey0123", "13800138000");
        assertThat(created.body() + hub.get("/api/v1/admin/channels", admin).body())
                .doesNotContain("sms-access-secret-0123");
        assertError(create(smsOk.copy().put("secret", null)), 400, "secret");
        assertError(create(smsOk.copy().put("url", sms.replace("AccessKeyId=LTAI5tSmsKey0123&", ""))), 400,
                "AccessKeyId");
        assertError(create(smsOk.copy().put("url", sms.replace("SMS_123456", "123456"))), 400, "TemplateCode");
        assertError(create(smsOk.copy().put("url", sms.replace("SignName=%E7%A4%BE%E5%8C%BA", "SignName="))), 400,
                "SignName");
        assertError(create(smsOk.copy().put("url", sms.replace("13800138000", "12345"))), 400, "PhoneNumbers");
        assertError(create(smsOk.copy().put("url", sms + "&Extra=1")), 400, "Extra");
        assertThat(new JsonObject(create(smsOk.copy().put("url", sms.replace("13800138000", "12345"))).body())
                .getJsonObject("error").getString("message")).contains("'url'");
        assertError(create(ok.copy().put("url", "ftp://example.cn/x")), 400, "url");
        assertError(create(ok.copy().put("url", "not a url")), 400, "url");
        assertError(create(ok.copy().put("tier", 4)), 400, "tier");
        assertError(create(ok.copy().put("tier", "1")), 400, "tier");
        assertError(create(ok.copy().put("min_severity", "urgent")), 400, "min_severity");
        assertError(create(ok.copy().put("community", "nowhere")), 400, "community");
        HttpResponse<String> wecom = create(ok.copy().put("kind", "wecom").put("secret", "wecom-unused-secret-0123"));
        assertThat(wecom.statusCode()).as(wecom.body()).isEqualTo(201);
        assertThat(new JsonObject(wecom.body()).getBoolean("has_secret")).isTrue();
        assertThat(wecom.body() + hub.get("/api/v1/admin/channels", admin).body())
                .doesNotContain("wecom-unused-secret-0123");
        assertThat(hub.column("SELECT encode(secret, 'escape') FROM channel WHERE id = "
                + new JsonObject(wecom.body()).getLong("id"))).singleElement()
                .satisfies(sealed -> assertThat(sealed.toString()).doesNotContain("wecom-unused-secret-0123"));
        assertError(create(ok.copy().put("secret", 42)), 400, "secret");
        String security = hub.login("ch-guard", Role.SECURITY, "ita");
        assertThat(hub.post("/api/v1/admin/channels", security, ok.encode()).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/admin/channels", security).statusCode()).isEqualTo(403);
        assertThat(hub.get("/api/v1/admin/deliveries", security).statusCode()).isEqualTo(403);
    }

    @Test
    void deletedChannelsLeaveTheListAndASecondDeleteIs404() throws Exception {
        long id = new JsonObject(create(new JsonObject().put("name", "temp").put("kind", "webhook")
                .put("url", "https://example.cn/temp")).body()).getLong("id");
        assertThat(hub.delete("/api/v1/admin/channels/" + id, admin).statusCode()).isEqualTo(200);
        JsonArray left = new JsonObject(hub.get("/api/v1/admin/channels", admin).body()).getJsonArray("channels");
        assertThat(left.stream().map(o -> ((JsonObject) o).getLong("id"))).doesNotContain(id);
        assertThat(hub.delete("/api/v1/admin/channels/" + id, admin).statusCode()).isEqualTo(404);
    }

    @Test
    void theTestButtonSendsASignedTestMessageAndReportsAFailure() throws Exception {
        long id = new JsonObject(create(new JsonObject().put("name", "bms").put("kind", "webhook")
                .put("url", receiver.url("/test-hook")).put("secret", "hook-secret")).body()).getLong("id");
        HttpResponse<String> sent = hub.post("/api/v1/admin/channels/" + id + "/test", admin, "{}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(new JsonObject(sent.body()).getBoolean("delivered")).isTrue();
        List<ChannelReceiver.Request> got = receiver.requests("/test-hook");
        assertThat(got).hasSize(1);
        assertThat(new JsonObject(got.get(0).text()).getString("kind")).isEqualTo("test");
        assertThat(got.get(0).header("X-Hub-Signature-256")).isEqualTo("sha256=" + hmacHex("hook-secret", got.get(0).body()));
        assertThat(got.get(0).header("X-Hub-Delivery")).isNotBlank();

        receiver.failNext("/test-hook", new ChannelReceiver.Answer(500, "{}"));
        JsonObject failed = new JsonObject(hub.post("/api/v1/admin/channels/" + id + "/test", admin, "{}").body());
        assertThat(failed.getBoolean("delivered")).isFalse();
        assertThat(failed.getInteger("http_status")).isEqualTo(500);
        assertThat(hub.post("/api/v1/admin/channels/999999/test", admin, "{}").statusCode()).isEqualTo(404);

        // both sends are in the delivery log, as deliveries without an alert that no worker will ever claim
        JsonArray log = new JsonObject(hub.get("/api/v1/admin/deliveries", admin).body()).getJsonArray("deliveries");
        List<JsonObject> tests = log.stream().map(o -> (JsonObject) o)
                .filter(d -> d.getJsonObject("channel").getLong("id") == id).toList();
        assertThat(tests).extracting(d -> d.getString("status")).containsExactly("failed", "delivered");
        assertThat(tests).allSatisfy(d -> {
            assertThat(d.getValue("alert")).isNull();
            assertThat(d.getBoolean("test")).isTrue();
            assertThat(d.getInteger("attempt")).isEqualTo(1);
            assertThat(d.getString("worker")).isEqualTo("test:ch-admin");
        });
        assertThat(tests.get(0).getInteger("http_status")).isEqualTo(500);
        assertThat(hub.column("SELECT count(*) FROM delivery WHERE alert_id IS NULL AND status = 'pending'"))
                .containsExactly(0L);
    }

    private static HttpResponse<String> create(JsonObject body) throws Exception {
        return hub.post("/api/v1/admin/channels", admin, body.encode());
    }

    private static void assertError(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).as(r.body()).contains(field);
    }

    static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
