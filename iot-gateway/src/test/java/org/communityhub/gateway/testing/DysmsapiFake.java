package org.communityhub.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local fake of Alibaba Cloud SMS's {@code SendSms} (Dysmsapi 2017-05-25, RPC style) for channel tests: the JDK's
 * HTTP server on a free loopback port, taking the parameters from the query or a form body as the real API does. It
 * checks what the real service checks — the common parameters, a fresh {@code Timestamp} and unused
 * {@code SignatureNonce}, a known {@code AccessKeyId} (else 404 {@code InvalidAccessKeyId.NotFound}) and the
 * {@code Signature}, recomputed here with its own RFC 3986 encoder and the account's secret (else 400
 * {@code SignatureDoesNotMatch}) — records each accepted request, and answers {@code {"Code":"OK",…}} unless answers
 * were queued for the request's {@code TemplateCode} with {@link #failNext}, or one of its {@code PhoneNumbers} has a
 * per-number answer ({@link #failNumber}) or is not in Alibaba Cloud's form (digits only: the country code without
 * {@code +}/{@code 00}, or a mainland number) — then, like the real service, the whole call gets that one
 * {@code Code} (isv.MOBILE_NUMBER_ILLEGAL for a malformed number). A call to exactly the numbers given to {@link #hold}
 * waits before it is answered until {@link #release} (at most 30 s), so a test can act while a send is in flight.
 * Thread-safe.
 */
public final class DysmsapiFake implements AutoCloseable {

    /** One accepted SendSms call: its parameters, decoded. */
    public record Sms(Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }

        public List<String> phones() {
            return List.of(params.get("PhoneNumbers").split(","));
        }
    }

    /** A queued answer: the HTTP status, {@code Code} and {@code Message}. */
    public record Answer(int status, String code, String message) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();
    private final Map<String, Answer> perNumber = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final List<Sms> accepted = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    /** PhoneNumbers held → {arrived, released}. */
    private final Map<String, CountDownLatch[]> holds = new ConcurrentHashMap<>();

    public DysmsapiFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Registers an AccessKey pair. */
    public DysmsapiFake account(String accessKeyId, String secret) {
        secrets.put(accessKeyId, secret);
        return this;
    }

    /** Answers the next accepted requests for {@code templateCode} with these, in order, then OK again. */
    public void failNext(String templateCode, Answer... answers) {
        queued.computeIfAbsent(templateCode, t -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
    }

    /** Answers every call that includes {@code phone} with this (isv.MOBILE_NUMBER_ILLEGAL …); null: no more. */
    public void failNumber(String phone, Answer answer) {
        if (answer == null) {
            perNumber.remove(phone);
        } else {
            perNumber.put(phone, answer);
        }
    }

    /** Holds the next accepted call whose {@code PhoneNumbers} are exactly {@code phones} until {@link #release}. */
    public void hold(String phones) {
        holds.put(phones, new CountDownLatch[] {new CountDownLatch(1), new CountDownLatch(1)});
    }

    /** Waits until the call held for {@code phones} has arrived (its answer then waits); false on timeout. */
    public boolean awaitHeld(String phones, Duration timeout) throws InterruptedException {
        return holds.get(phones)[0].await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers the call held for {@code phones} (as chosen when it arrived), and holds no more of them. */
    public void release(String phones) {
        CountDownLatch[] h = holds.get(phones);
        h[1].countDown();
    }

    /** The channel URL for this fake with these settings (values URL-encoded here). */
    public String url(String accessKeyId, String signName, String templateCode, String phones) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/?AccessKeyId=" + enc(accessKeyId) + "&SignName="
                + enc(signName) + "&TemplateCode=" + enc(templateCode) + "&PhoneNumbers=" + enc(phones);
    }

    /** The accepted calls for a template, oldest first (refused or failed ones included: they passed the checks). */
    public List<Sms> sent(String templateCode) {
        synchronized (accepted) {
            return accepted.stream().filter(s -> templateCode.equals(s.param("TemplateCode"))).toList();
        }
    }

    /** Why requests were refused before any answer was chosen (bad signature, missing parameter …). */
    public List<String> refusals() {
        synchronized (accepted) {
            return List.copyOf(refusals);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> p = new TreeMap<>();
        form(ex.getRequestURI().getRawQuery(), p);
        if ("POST".equals(ex.getRequestMethod())) {
            form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), p);
        }
        String problem = check(ex.getRequestMethod(), p);
        if (problem != null) {
            synchronized (accepted) {
                refusals.add(problem);
            }
            answer(ex, problem.startsWith("InvalidAccessKeyId") ? 404 : 400, problem.split(":")[0], problem);
            return;
        }
        synchronized (accepted) {
            accepted.add(new Sms(Map.copyOf(p)));
        }
        Deque<Answer> q = queued.get(p.get("TemplateCode"));
        Answer a = null;
        for (String phone : p.get("PhoneNumbers").split(",")) {
            if (a == null && !phone.matches("\\d{7,15}")) {
                a = new Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
            }
            if (a == null) {
                a = perNumber.get(phone);
            }
        }
        if (a == null && q != null) {
            a = q.pollFirst();
        }
        if (a == null) {
            a = new Answer(200, "OK", "OK");
        }
        CountDownLatch[] held = holds.get(p.get("PhoneNumbers"));
        if (held != null && held[0].getCount() > 0) {
            held[0].countDown();
            try {
                held[1].await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer(ex, a.status(), a.code(), a.message());
    }

    private String check(String method, Map<String, String> p) {
        for (String name : List.of("AccessKeyId", "Action", "PhoneNumbers", "SignName", "SignatureMethod",
                "SignatureNonce", "SignatureVersion", "TemplateCode", "Timestamp", "Version", "Signature")) {
            if (p.get(name) == null || p.get(name).isEmpty()) {
                return "MissingParameter: " + name;
            }
        }
        if (!"SendSms".equals(p.get("Action")) || !"2017-05-25".equals(p.get("Version"))
                || !"HMAC-SHA1".equals(p.get("SignatureMethod")) || !"1.0".equals(p.get("SignatureVersion"))) {
            return "InvalidParameter: Action, Version, SignatureMethod or SignatureVersion";
        }
        if (!p.get("Timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ") || Duration.between(
                Instant.parse(p.get("Timestamp")), Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return "InvalidTimeStamp.Format: " + p.get("Timestamp");
        }
        String secret = secrets.get(p.get("AccessKeyId"));
        if (secret == null) {
            return "InvalidAccessKeyId.NotFound: Specified access key is not found.";
        }
        Map<String, String> signed = new TreeMap<>(p);
        String signature = signed.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        signed.forEach((k, v) -> canonical.append(canonical.length() == 0 ? "" : "&").append(rfc3986(k)).append('=')
                .append(rfc3986(v)));
        String toSign = method + "&" + rfc3986("/") + "&" + rfc3986(canonical.toString());
        if (!hmacSha1(secret + "&", toSign).equals(signature)) {
            return "SignatureDoesNotMatch: Specified signature is not matched with our calculation.";
        }
        if (!nonces.add(p.get("SignatureNonce"))) {
            return "SignatureNonceUsed: Specified signature nonce was used already.";
        }
        return null;
    }

    /** RFC 3986 percent-encoding written out byte by byte (independent of the hub's URLEncoder-based one). */
    static String rfc3986(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void form(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static void answer(HttpExchange ex, int status, String code, String message) throws IOException {
        String json = "{\"RequestId\":\"" + UUID.randomUUID() + "\",\"Code\":\"" + code + "\",\"Message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + ("OK".equals(code) ? ",\"BizId\":\"" + System.nanoTime() + "\"" : "") + "}";
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static String enc(String s) {
        return rfc3986(s);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
