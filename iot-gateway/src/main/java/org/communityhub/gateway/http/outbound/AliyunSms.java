package org.communityhub.gateway.http.outbound;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.communityhub.gateway.responders.PhoneDigests;
import org.communityhub.gateway.responders.SendResult;
import org.communityhub.gateway.responders.SmsProvider;
import org.communityhub.gateway.responders.SmsSettings;

/**
 * {@link SmsProvider} for Alibaba Cloud SMS (Dysmsapi, API version 2017-05-25): one {@code SendSms} call per message,
 * RPC style, {@code POST} to the channel's endpoint ({@code https://dysmsapi.aliyuncs.com/}) with the parameters as a
 * form body, signed with signature version 1.0: {@code Signature} = Base64(HMAC-SHA1(key = AccessKey secret + "&",
 * "POST&%2F&" + percentEncode(canonical query))), the canonical query being the parameters sorted by name, names and
 * values percent-encoded by RFC 3986 (unreserved {@code A-Za-z0-9-_.~} kept, space {@code %20}). Success: HTTP 2xx and
 * {@code Code} "OK". Refusals no retry can mend ({@link #PERMANENT}: bad number, signature name, template or
 * parameters, unknown or wrong AccessKey, no permission) are {@link SendResult#permanent() permanent}; throttling
 * ({@link #THROTTLED}, HTTP 429) is rate limited; anything else (HTTP 5xx, {@code isp.SYSTEM_ERROR}, no answer) is
 * retried. Alibaba Cloud answers one {@code Code} per call, so when a call to several numbers fails with a code about
 * a number ({@link #PER_NUMBER}: an illegal number, its minute/hour or day limit) it is sent again one call per number,
 * and {@link #combine} makes the outcome: delivered when every number got it or was refused for good (the refused
 * ones named, masked, in the error), retried when some number failed in a way that may pass — the outcome then
 * carries the {@link PhoneDigests digests} of the numbers reached ({@link SendResult#reached}), which the delivery
 * keeps, so its retry (by any instance, after any restart) texts only the others —, refused only when no number can
 * be reached.
 * {@code isv.DAY_LIMIT_CONTROL} (a number's daily limit) is permanent: nothing can be sent before Beijing midnight,
 * when a fire alarm is long over. Errors carry {@code Code: Message} with every run of 7+ digits masked, never the
 * secret. Non-blocking (Vert.x web client, a timeout per request; the per-number calls run concurrently, bounded by
 * the client's pool); thread-safe.
 */
public final class AliyunSms implements SmsProvider {

    public static final String VERSION = "2017-05-25";
    /** Codes after which the same request can never succeed. */
    static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT",
            "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGNATURE_SCENE_ILLEGAL",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.INVALID_JSON_PARAM",
            "isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT", "isv.ACCOUNT_NOT_EXISTS", "isv.DENY_IP_RANGE",
            "isp.RAM_PERMISSION_DENY", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch", "Forbidden.RAM", "isv.DAY_LIMIT_CONTROL");
    /** Codes that mean "too many, later". */
    static final Set<String> THROTTLED = Set.of("isv.BUSINESS_LIMIT_CONTROL", "Throttling", "Throttling.User",
            "Throttling.Api");
    /** Codes about one of the numbers rather than the message: a call to several is then split, one per number. */
    static final Set<String> PER_NUMBER = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.BUSINESS_LIMIT_CONTROL",
            "isv.DAY_LIMIT_CONTROL");
    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AliyunSms.class);
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final WebClient client;
    private final Clock clock;
    private final Duration timeout;
    private final PhoneDigests digests;

    /** @param digests how the numbers reached are kept (with the delivery, by the caller) */
    public AliyunSms(WebClient client, Clock clock, Duration timeout, PhoneDigests digests) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
        this.digests = digests;
    }

    @Override
    public CompletionStage<SendResult> send(SmsSettings s, String secret, List<String> phones,
                                            Map<String, String> params, Set<String> reached) {
        List<String> unreached = phones.stream().filter(p -> !reached.contains(digests.of(p))).toList();
        if (unreached.isEmpty()) {
            return Future.succeededFuture(SendResult.ok(200).reaching(reached)).toCompletionStage();
        }
        Future<SendResult> first = call(s, secret, unreached, params)
                .map(r -> r.reaching(r.delivered() ? union(reached, unreached) : reached));
        if (unreached.size() < 2) {
            return first.toCompletionStage();
        }
        return first.compose(r -> r.delivered() || !PER_NUMBER.contains(code(r)) ? Future.succeededFuture(r)
                : oneByOne(s, secret, unreached, params, reached)).toCompletionStage();
    }

    /** One SendSms call per number, then their {@link #combine combined} outcome, with the numbers reached added. */
    private Future<SendResult> oneByOne(SmsSettings s, String secret, List<String> phones, Map<String, String> params,
                                        Set<String> reached) {
        List<Future<SendResult>> each = phones.stream().map(p -> call(s, secret, List.of(p), params)).toList();
        return Future.join(each).transform(x -> {
            List<SendResult> results = each.stream().map(Future::result).toList();
            List<String> now = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                if (results.get(i).delivered()) {
                    now.add(phones.get(i));
                }
            }
            SendResult out = combine(phones, results).reaching(union(reached, now));
            if (out.error() != null) {
                LOG.warn("SendSms to {} numbers one by one ({}): {}", phones.size(), s.templateCode(), out.error());
            }
            return Future.succeededFuture(out);
        });
    }

    /**
     * The outcome of one call per number: delivered when each number got it or was refused for good (the error then
     * names those, masked, with their codes), refused when none got it and none may later, else a failure to retry
     * (rate limited when a number was throttled).
     */
    static SendResult combine(List<String> phones, List<SendResult> results) {
        int ok = 0;
        boolean later = false;
        boolean limited = false;
        Integer status = null;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            SendResult r = results.get(i);
            if (r.delivered()) {
                ok++;
                continue;
            }
            later |= !r.permanent();
            limited |= r.rateLimited();
            status = r.httpStatus();
            notes.add(SmsSettings.mask(phones.get(i)) + " " + r.error());
        }
        if (notes.isEmpty()) {
            return SendResult.ok(200);
        }
        String why = shorten(ok + " of " + phones.size() + " numbers reached; " + String.join("; ", notes));
        if (!later) {
            return ok > 0 ? new SendResult(true, 200, why, false, false) : SendResult.refused(status, why);
        }
        return SendResult.failed(status, why, limited);
    }

    private Future<SendResult> call(SmsSettings s, String secret, List<String> phones, Map<String, String> params) {
        try {
            SortedMap<String, String> p = parameters(s, phones, params, clock.instant().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS), UUID.randomUUID().toString());
            p.put("Signature", sign(secret, stringToSign("POST", p)));
            String body = p.entrySet().stream().map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return client.postAbs(s.endpoint()).timeout(timeout.toMillis())
                    .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                    .putHeader("accept", "application/json")
                    .sendBuffer(Buffer.buffer(body, "UTF-8"))
                    .map(AliyunSms::result)
                    .otherwise(e -> SendResult.failed(null, clean(e, secret), false));
        } catch (RuntimeException e) {
            return Future.succeededFuture(SendResult.failed(null, clean(e, secret), false));
        }
    }

    /** {@code reached} and the digests of {@code phones}. */
    private Set<String> union(Set<String> reached, List<String> phones) {
        Set<String> all = new HashSet<>(reached);
        phones.forEach(p -> all.add(digests.of(p)));
        return all;
    }

    /** The provider's code at the start of a result's error ({@code Code: Message}), or "". */
    static String code(SendResult r) {
        return r.error() == null ? "" : r.error().split(":", 2)[0];
    }

    /** The SendSms parameters without {@code Signature}, sorted by name. */
    static SortedMap<String, String> parameters(SmsSettings s, List<String> phones, Map<String, String> params,
                                                java.time.Instant now, String nonce) {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("AccessKeyId", s.accessKeyId());
        p.put("Action", "SendSms");
        p.put("Format", "JSON");
        p.put("PhoneNumbers", String.join(",", phones));
        p.put("RegionId", "cn-hangzhou");
        p.put("SignName", s.signName());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", nonce);
        p.put("SignatureVersion", "1.0");
        p.put("TemplateCode", s.templateCode());
        p.put("TemplateParam", new JsonObject(new java.util.LinkedHashMap<String, Object>(params)).encode());
        p.put("Timestamp", TIMESTAMP.format(now));
        p.put("Version", VERSION);
        return p;
    }

    /** RFC 3986 percent-encoding of UTF-8: {@code A-Za-z0-9-_.~} as they are, everything else {@code %XY}. */
    public static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** {@code METHOD&%2F&percentEncode(name=value&… sorted by name, each percent-encoded)}. */
    public static String stringToSign(String method, Map<String, String> params) {
        String canonical = new TreeMap<>(params).entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
    }

    /** Base64(HMAC-SHA1(key = secret + "&", stringToSign)). Cost: one HMAC. */
    public static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** The outcome of SendSms's answer. */
    static SendResult result(HttpResponse<Buffer> r) {
        JsonObject body;
        try {
            body = r.bodyAsJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        return result(r.statusCode(), body);
    }

    static SendResult result(int status, JsonObject body) {
        String code = body == null ? null : body.getString("Code");
        if (status >= 200 && status < 300 && "OK".equals(code)) {
            return SendResult.ok(status);
        }
        if (code == null) {
            String why = "HTTP " + status + (body == null ? ", the answer is not JSON" : ", the answer has no Code");
            return status >= 400 && status < 500 && status != 429 && status != 408
                    ? SendResult.refused(status, why) : SendResult.failed(status, why, status == 429);
        }
        String message = DIGITS.matcher(body.getString("Message", "")).replaceAll(m -> SmsSettings.mask(m.group()));
        String error = shorten(code + (message.isEmpty() ? "" : ": " + message));
        if (PERMANENT.contains(code)) {
            return SendResult.refused(status, error);
        }
        return SendResult.failed(status, error, THROTTLED.contains(code) || status == 429);
    }

    private static String clean(Throwable e, String secret) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (secret != null && !secret.isEmpty()) {
            msg = msg.replace(secret, "******");
        }
        return shorten(msg.replaceAll("\\?\\S*", "?…"));
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
