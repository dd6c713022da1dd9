package org.communityhub.gateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many WebSocket connection attempts on {@code /api/v1/stream} in waves of bounded concurrency (JDK
 * client). Each wave starts all its attempts at once and waits for every handshake to end. Most
 * attempts carry a valid token, one in ten a forged one and one in fifty none. An accepted socket
 * is, by its attempt number, closed with a close frame, dropped (TCP abort, no close frame) or
 * abandoned: left open and silent through the whole next wave, then dropped. So while a wave runs,
 * the sockets abandoned by the previous wave are certainly open, and {@code abandoned + accepted}
 * of one wave is a lower bound of what the hub had open at once, which must stay within its cap.
 *
 * <p>Not thread-safe: one {@link #run} at a time. Every loop is bounded by the attempt count, and
 * every wait by {@code waveTimeout}.
 */
public final class StreamFlood {

    /** What the flood saw; {@code problems} names outcomes that should not have happened (the first 20, then a count). */
    public record Figures(int attempts, int accepted, int refused, int unauthorized, int mostOpenAtOnce,
                          List<String> problems) {
    }

    private final HttpClient http;
    private final String streamUrl;
    private final String token;
    private final Duration waveTimeout;

    public StreamFlood(HttpClient http, String baseUrl, String token, Duration waveTimeout) {
        this.http = http;
        this.streamUrl = baseUrl.replaceFirst("^http", "ws") + "/api/v1/stream";
        this.token = token;
        this.waveTimeout = waveTimeout;
    }

    /** Makes {@code attempts} connection attempts, {@code wave} at a time; returns once all ended and all were dropped. */
    public Figures run(int attempts, int wave) throws InterruptedException {
        Tally tally = new Tally();
        List<WebSocket> abandoned = new ArrayList<>();
        List<WebSocket> closing = new ArrayList<>();
        int mostOpen = 0;
        for (int first = 0; first < attempts; first += wave) {
            int last = Math.min(attempts, first + wave);
            List<CompletableFuture<WebSocket>> handshakes = new ArrayList<>(last - first);
            for (int i = first; i < last; i++) {
                handshakes.add(attempt(i, tally));
            }
            List<WebSocket> accepted = await(handshakes, tally);
            mostOpen = Math.max(mostOpen, abandoned.size() + accepted.size());
            abandoned.forEach(WebSocket::abort);
            abandoned.clear();
            closing.forEach(WebSocket::abort); // long closed by the handshake, unless the hub never answered
            closing.clear();
            for (int k = 0; k < accepted.size(); k++) {
                WebSocket ws = accepted.get(k);
                switch (k % 3) {
                    case 0 -> {
                        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                        closing.add(ws);
                    }
                    case 1 -> ws.abort();
                    default -> abandoned.add(ws);
                }
            }
        }
        abandoned.forEach(WebSocket::abort);
        closing.forEach(WebSocket::abort);
        return new Figures(attempts, tally.accepted.get(), tally.refused.get(), tally.unauthorized.get(), mostOpen,
                tally.problems());
    }

    private CompletableFuture<WebSocket> attempt(int i, Tally tally) {
        boolean forged = i % 10 == 3;
        boolean none = i % 50 == 7;
        String query = none ? "" : "?token=" + (forged ? forge(token, i) : token);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(streamUrl + query), new WebSocket.Listener() { })
                .handle((ws, failure) -> {
                    if (ws != null) {
                        if (forged || none) {
                            tally.problem("attempt " + i + " without a valid token was accepted");
                        }
                        return ws;
                    }
                    classify(i, forged || none, failure, tally);
                    return null;
                });
    }

    /** A token with its signature altered: well-formed, but the hub must not accept it. */
    private static String forge(String token, int i) {
        char c = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (c == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1)
                + (i % 20 == 3 ? "x" : "");
    }

    private static void classify(int i, boolean invalidToken, Throwable failure, Tally tally) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(t instanceof WebSocketHandshakeException refusal)) {
            tally.problem("attempt " + i + " failed without an answer: " + t);
            return;
        }
        HttpResponse<?> r = refusal.getResponse();
        if (r.statusCode() == 503) {
            tally.refused.incrementAndGet();
            String retry = r.headers().firstValue("retry-after").orElse(null);
            if (!"5".equals(retry)) {
                tally.problem("a 503 with Retry-After " + retry);
            }
        } else if (r.statusCode() == 401 && invalidToken) {
            tally.unauthorized.incrementAndGet();
        } else {
            tally.problem("attempt " + i + (invalidToken ? " (invalid token)" : "") + " answered " + r.statusCode());
        }
    }

    private List<WebSocket> await(List<CompletableFuture<WebSocket>> handshakes, Tally tally)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new))
                    .get(waveTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            tally.problem("a wave did not end within " + waveTimeout + ": " + e);
        }
        List<WebSocket> accepted = new ArrayList<>();
        for (CompletableFuture<WebSocket> h : handshakes) {
            WebSocket ws = h.getNow(null);
            if (ws != null) {
                accepted.add(ws);
            } else if (!h.isDone()) {
                h.whenComplete((late, e) -> {
                    if (late != null) {
                        late.abort();
                    }
                });
            }
        }
        tally.accepted.addAndGet(accepted.size());
        return accepted;
    }

    private static final class Tally {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger unauthorized = new AtomicInteger();
        private final List<String> problems = new ArrayList<>();
        private int more;

        synchronized void problem(String what) {
            if (problems.size() < 20) {
                problems.add(what);
            } else {
                more++;
            }
        }

        synchronized List<String> problems() {
            List<String> all = new ArrayList<>(problems);
            if (more > 0) {
                all.add("… and " + more + " more");
            }
            return all;
        }
    }
}
