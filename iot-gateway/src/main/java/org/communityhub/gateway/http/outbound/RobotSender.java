package org.communityhub.gateway.http.outbound;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.communityhub.gateway.responders.ChannelSender;
import org.communityhub.gateway.responders.ChannelTarget;
import org.communityhub.gateway.responders.Notice;
import org.communityhub.gateway.responders.PhoneDigests;
import org.communityhub.gateway.responders.SendResult;
import org.communityhub.gateway.responders.Signatures;
import org.communityhub.gateway.responders.SmsProvider;
import org.communityhub.gateway.responders.SmsSettings;
import org.communityhub.gateway.responders.SmsText;

/**
 * {@link ChannelSender} over Vert.x's {@link WebClient}: non-blocking, with a timeout per request. Webhook: success
 * on 2xx, headers {@code X-Hub-Delivery} and (with a secret) {@code X-Hub-Signature-256}. DingTalk: signed query
 * parameters {@code timestamp} (epoch ms) and {@code sign}, success when {@code errcode} is 0. Feishu: {@code timestamp}
 * (epoch s) and {@code sign} in the body, success when {@code code} (older: {@code StatusCode}) is 0. WeCom: no
 * signing (the key in the URL is the credential), success when {@code errcode} is 0. HTTP 429 and the robots' rate
 * limit codes count as rate limited. SMS: through the {@link SmsProvider} (template parameters {@link SmsText}, to the
 * channel's numbers and the paged staff's not reached by the delivery's earlier attempts). Errors never carry the
 * URL's query, path or the secret. Thread-safe.
 */
public final class RobotSender implements ChannelSender {

    /** DingTalk 130101, WeCom 45009, Feishu 9499 and 11232: sending too fast. */
    static final Set<Integer> RATE_LIMIT_CODES = Set.of(130101, 45009, 9499, 11232);
    private final WebClient client;
    private final Clock clock;
    private final Duration timeout;
    private final SmsProvider sms;

    /**
     * Sends {@code sms} channels' messages through Alibaba Cloud SMS ({@link AliyunSms}), keeping the numbers reached
     * as {@code digests}.
     */
    public RobotSender(WebClient client, Clock clock, Duration timeout, PhoneDigests digests) {
        this(client, clock, timeout, new AliyunSms(client, clock, timeout, digests));
    }

    public RobotSender(WebClient client, Clock clock, Duration timeout, SmsProvider sms) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
        this.sms = sms;
    }

    @Override
    public CompletionStage<SendResult> send(ChannelTarget target, Notice notice, String deliveryKey,
                                            Set<String> reached) {
        Future<SendResult> result;
        try {
            result = dispatch(target, notice, deliveryKey, reached);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.otherwise(e -> SendResult.failed(null, clean(target, e), false)).toCompletionStage();
    }

    private Future<SendResult> dispatch(ChannelTarget t, Notice n, String key, Set<String> reached) {
        switch (t.kind()) {
            case SMS: {
                SmsSettings settings = SmsSettings.parse(t.url());
                return Future.fromCompletionStage(sms.send(settings, t.secret(), settings.recipients(n.phones()),
                        SmsText.params(n, clock.instant()), reached));
            }
            case WEBHOOK: {
                byte[] body = RobotMessages.webhook(n).encode().getBytes(StandardCharsets.UTF_8);
                MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Hub-Delivery", key);
                if (t.hasSecret()) {
                    headers.add("X-Hub-Signature-256", Signatures.webhook(t.secret(), body));
                }
                return post(t.url(), headers, body).map(r -> statusOnly(r));
            }
            case DINGTALK: {
                String url = t.url();
                if (t.hasSecret()) {
                    long ms = clock.millis();
                    url += (url.contains("?") ? "&" : "?") + "timestamp=" + ms + "&sign=" + Signatures.dingtalk(t.secret(), ms);
                }
                return post(url, MultiMap.caseInsensitiveMultiMap(), bytes(RobotMessages.dingtalk(n)))
                        .map(r -> robotCode(r, "errcode"));
            }
            case FEISHU: {
                JsonObject body = RobotMessages.feishu(n);
                if (t.hasSecret()) {
                    long s = clock.millis() / 1000;
                    body.put("timestamp", Long.toString(s)).put("sign", Signatures.feishu(t.secret(), s));
                }
                return post(t.url(), MultiMap.caseInsensitiveMultiMap(), bytes(body)).map(r -> robotCode(r, "code"));
            }
            default:
                return post(t.url(), MultiMap.caseInsensitiveMultiMap(), bytes(RobotMessages.wecom(n)))
                        .map(r -> robotCode(r, "errcode"));
        }
    }

    private Future<HttpResponse<Buffer>> post(String url, MultiMap headers, byte[] body) {
        return client.postAbs(url).timeout(timeout.toMillis()).putHeaders(headers)
                .putHeader("content-type", "application/json; charset=utf-8").sendBuffer(Buffer.buffer(body));
    }

    private static SendResult statusOnly(HttpResponse<Buffer> r) {
        int s = r.statusCode();
        return s >= 200 && s < 300 ? SendResult.ok(s) : SendResult.failed(s, "HTTP " + s, s == 429);
    }

    /** A robot answers 200 with a code in its JSON body; 0 is success. */
    private static SendResult robotCode(HttpResponse<Buffer> r, String field) {
        int s = r.statusCode();
        if (s < 200 || s >= 300) {
            return SendResult.failed(s, "HTTP " + s, s == 429);
        }
        JsonObject body;
        try {
            body = r.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return SendResult.failed(s, "the answer is not a JSON object", false);
        }
        Integer code = body == null ? null : body.getInteger(field, body.getInteger("StatusCode"));
        if (code == null) {
            return SendResult.failed(s, "the answer has no " + field, false);
        }
        if (code == 0) {
            return SendResult.ok(s);
        }
        String msg = body.getString("errmsg", body.getString("msg", body.getString("StatusMessage", "")));
        return SendResult.failed(s, field + " " + code + (msg.isEmpty() ? "" : ": " + shorten(msg)),
                RATE_LIMIT_CODES.contains(code));
    }

    private static byte[] bytes(JsonObject body) {
        return body.encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The exception's message without the URL's path and query (credentials live there) and never the secret. */
    static String clean(ChannelTarget t, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        URI u = URI.create(t.url());
        msg = msg.replace(t.url(), t.channel().url());
        if (u.getRawQuery() != null) {
            msg = msg.replace(u.getRawQuery(), "…");
        }
        if (u.getRawPath() != null && u.getRawPath().length() > 1) {
            msg = msg.replace(u.getRawPath(), "/…");
        }
        msg = msg.replaceAll("\\?\\S*", "?…");
        if (t.hasSecret()) {
            msg = msg.replace(t.secret(), "******");
        }
        return shorten(msg);
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
