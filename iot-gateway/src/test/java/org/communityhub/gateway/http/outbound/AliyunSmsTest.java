package org.communityhub.gateway.http.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.communityhub.gateway.responders.PhoneDigests;
import org.communityhub.gateway.responders.RetryPolicy;
import org.communityhub.gateway.responders.SendResult;
import org.communityhub.gateway.responders.SmsSettings;
import org.communityhub.gateway.testing.DysmsapiFake;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud's RPC signature (version 1.0) against the worked example of its documentation ("Signature
 * mechanism", DescribeRegions, AccessKey testid/testsecret), the RFC 3986 encoding, the SendSms parameters and the
 * mapping of SendSms answers to outcomes (permanent refusals, throttling, retried failures), and, against the local
 * {@link DysmsapiFake}, a batch with a bad number split into one call per number, and a retry that texts only the
 * numbers the earlier attempt's outcome does not list as reached (as digests, never numbers).
 */
class AliyunSmsTest {

    @Test
    void theDocumentedExampleSignsToTheDocumentedSignature() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("TimeStamp", "2016-02-23T12:46:24Z");
        p.put("Format", "XML");
        p.put("AccessKeyId", "testid");
        p.put("Action", "DescribeRegions");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("Version", "2014-05-26");
        p.put("SignatureVersion", "1.0");
        String toSign = AliyunSms.stringToSign("GET", p);
        assertThat(toSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(AliyunSms.sign("testsecret", toSign)).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    @Test
    void percentEncodingIsRfc3986() {
        assertThat(AliyunSms.percentEncode("a b*c~d-_.")).isEqualTo("a%20b%2Ac~d-_.");
        assertThat(AliyunSms.percentEncode("社区+/,:\"")).isEqualTo("%E7%A4%BE%E5%8C%BA%2B%2F%2C%3A%22");
    }

    @Test
    void sendSmsCarriesTheSettingsTheNumbersAndTheTemplateParameters() {
        SmsSettings s = SmsSettings.parse("https://dysmsapi.aliyuncs.com/?AccessKeyId=LTAI5tKey0123"
                + "&SignName=%E7%A4%BE%E5%8C%BA%E4%B8%AD%E6%9E%A2&TemplateCode=SMS_123456&PhoneNumbers=13800138000");
        assertThat(s.endpoint()).isEqualTo("https://dysmsapi.aliyuncs.com/");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("what", "火警（紧急）");
        params.put("where", "测试甲社区 1栋");
        params.put("when", "12-04 21:46");
        SortedMap<String, String> p = AliyunSms.parameters(s, s.recipients(List.of("139-0013-9000", "13800138000")),
                params, Instant.parse("2026-12-04T13:46:43.123Z"), "nonce-1");
        assertThat(p).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("AccessKeyId", "LTAI5tKey0123").containsEntry("SignName", "社区中枢")
                .containsEntry("TemplateCode", "SMS_123456").containsEntry("PhoneNumbers", "13800138000,13900139000")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("SignatureNonce", "nonce-1").containsEntry("Timestamp", "2026-12-04T13:46:43Z")
                .containsEntry("Format", "JSON").doesNotContainKey("Signature");
        assertThat(new JsonObject(p.get("TemplateParam")).getMap()).isEqualTo(params);
        assertThat(AliyunSms.stringToSign("POST", p)).startsWith("POST&%2F&AccessKeyId%3DLTAI5tKey0123%26Action%3DSendSms")
                .contains("%26SignName%3D%25E7%25A4%25BE%25E5%258C%25BA%25E4%25B8%25AD%25E6%259E%25A2%26");
    }

    @Test
    void answersMapToOutcomes() {
        RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 12);
        SendResult ok = AliyunSms.result(200, new JsonObject().put("Code", "OK").put("Message", "OK"));
        assertThat(ok.delivered()).isTrue();

        SendResult badNumber = AliyunSms.result(200, new JsonObject().put("Code", "isv.MOBILE_NUMBER_ILLEGAL")
                .put("Message", "非法手机号"));
        assertThat(badNumber.delivered()).isFalse();
        assertThat(badNumber.permanent()).isTrue();
        assertThat(badNumber.error()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
        assertThat(retry.after(1, badNumber)).isNull();
        assertThat(AliyunSms.result(404, new JsonObject().put("Code", "InvalidAccessKeyId.NotFound")).permanent()).isTrue();
        assertThat(AliyunSms.result(400, new JsonObject().put("Code", "SignatureDoesNotMatch")).permanent()).isTrue();
        assertThat(AliyunSms.result(200, new JsonObject().put("Code", "isv.SMS_TEMPLATE_ILLEGAL")).permanent()).isTrue();

        SendResult throttled = AliyunSms.result(200, new JsonObject().put("Code", "isv.BUSINESS_LIMIT_CONTROL")
                .put("Message", "触发分钟级流控Permits:1"));
        assertThat(throttled.permanent()).isFalse();
        assertThat(throttled.rateLimited()).isTrue();
        assertThat(retry.after(1, throttled)).isEqualTo(Duration.ofMinutes(1));

        SendResult systemError = AliyunSms.result(500, new JsonObject().put("Code", "isp.SYSTEM_ERROR"));
        assertThat(systemError.permanent()).isFalse();
        assertThat(systemError.rateLimited()).isFalse();
        assertThat(systemError.httpStatus()).isEqualTo(500);
        assertThat(retry.after(1, systemError)).isEqualTo(Duration.ofSeconds(5));
        SendResult gateway = AliyunSms.result(502, null);
        assertThat(gateway.permanent()).isFalse();
        assertThat(gateway.error()).isEqualTo("HTTP 502, the answer is not JSON");
        assertThat(AliyunSms.result(429, null).rateLimited()).isTrue();
    }

    @Test
    void aDayLimitIsPermanentAndNumbersInMessagesAreMasked() {
        SendResult day = AliyunSms.result(200, new JsonObject().put("Code", "isv.DAY_LIMIT_CONTROL")
                .put("Message", "触发日发送限额 13800138000"));
        assertThat(day.permanent()).isTrue();
        assertThat(day.rateLimited()).isFalse();
        assertThat(day.error()).isEqualTo("isv.DAY_LIMIT_CONTROL: 触发日发送限额 138******00");
        assertThat(AliyunSms.code(day)).isEqualTo("isv.DAY_LIMIT_CONTROL");
    }

    @Test
    void perNumberOutcomesCombine() {
        SendResult ok = SendResult.ok(200);
        SendResult illegal = SendResult.refused(200, "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
        SendResult throttled = SendResult.failed(200, "isv.BUSINESS_LIMIT_CONTROL: 流控", true);
        List<String> two = List.of("13800138000", "13900139000");
        assertThat(AliyunSms.combine(two, List.of(ok, ok))).isEqualTo(SendResult.ok(200));
        SendResult partly = AliyunSms.combine(two, List.of(ok, illegal));
        assertThat(partly.delivered()).isTrue();
        assertThat(partly.error()).isEqualTo("1 of 2 numbers reached; 139******00 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
        SendResult none = AliyunSms.combine(two, List.of(illegal, illegal));
        assertThat(none.delivered()).isFalse();
        assertThat(none.permanent()).isTrue();
        SendResult later = AliyunSms.combine(two, List.of(illegal, throttled));
        assertThat(later.delivered()).isFalse();
        assertThat(later.permanent()).isFalse();
        assertThat(later.rateLimited()).isTrue();
        assertThat(later.error()).doesNotContain("13800138000", "13900139000");
    }

    @Test
    void aBatchWithABadNumberStillReachesTheOthersAndARetrySkipsThem() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (DysmsapiFake fake = new DysmsapiFake().account("LTAI5tKey0123", "s3cret")) {
            PhoneDigests digests = PhoneDigests.fromChannelKey("a channel key".getBytes(StandardCharsets.UTF_8));
            AliyunSms sms = new AliyunSms(WebClient.create(vertx), Clock.systemUTC(), Duration.ofSeconds(10), digests);
            SmsSettings s = SmsSettings.parse(fake.url("LTAI5tKey0123", "社区中枢", "SMS_1",
                    "+8613800138000,008613900139000,13700137099"));
            fake.failNumber("13700137099", new DysmsapiFake.Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"));
            List<String> to = s.recipients(List.of("0086 136-0013-6000"));
            SendResult r = sms.send(s, "s3cret", to, Map.of("what", "火警"), Set.of()).toCompletableFuture()
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.delivered()).as(r.toString()).isTrue();
            assertThat(r.error()).isEqualTo("3 of 4 numbers reached; 137******99 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
            List<DysmsapiFake.Sms> sent = fake.sent("SMS_1");
            assertThat(sent.get(0).phones()).containsExactly("13800138000", "13900139000", "13700137099",
                    "13600136000");
            assertThat(sent.subList(1, sent.size())).flatExtracting(DysmsapiFake.Sms::phones)
                    .containsExactlyInAnyOrder("13800138000", "13900139000", "13700137099", "13600136000");

            // one number throttled: retried later, and the retry texts only the numbers not reached yet
            fake.failNumber("13700137099", new DysmsapiFake.Answer(200, "isv.BUSINESS_LIMIT_CONTROL", "流控"));
            Map<String, String> alarm = Map.of("what", "火警（紧急）");
            SendResult first = sms.send(s, "s3cret", to, alarm, Set.of()).toCompletableFuture()
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first.delivered()).isFalse();
            assertThat(first.permanent()).isFalse();
            assertThat(first.rateLimited()).isTrue();
            assertThat(first.reached()).containsExactlyInAnyOrder(digests.of("13800138000"), digests.of("13900139000"),
                    digests.of("13600136000")).allSatisfy(d -> assertThat(d).matches("[0-9a-f]{32}"));
            fake.failNumber("13700137099", null);
            int before = fake.sent("SMS_1").size();
            SendResult retry = sms.send(s, "s3cret", to, alarm, first.reached()).toCompletableFuture()
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(retry.delivered()).isTrue();
            assertThat(retry.error()).isNull();
            assertThat(fake.sent("SMS_1").subList(before, fake.sent("SMS_1").size()))
                    .singleElement().satisfies(m -> assertThat(m.phones()).containsExactly("13700137099"));
        } finally {
            vertx.close();
        }
    }
}
