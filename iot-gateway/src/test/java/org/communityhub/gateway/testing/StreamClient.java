package org.communityhub.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A WebSocket client of {@code /api/v1/stream} (JDK client), collecting every JSON message it receives. */
public final class StreamClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    /** How the hub closed the connection. */
    public record Closed(int code, String reason) {
    }

    private StreamClient(HttpClient http, URI uri) {
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code baseUrl}'s stream with a token and optional {@code since} sequence (negative: none). */
    public static StreamClient connect(HttpClient http, String baseUrl, String token, long since) {
        String query = "?token=" + token + (since >= 0 ? "&since=" + since : "");
        return new StreamClient(http, URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/stream" + query));
    }

    /**
     * The HTTP status with which the hub refuses an upgrade to its stream (e.g. 401, 429, 503), or 101 when it
     * accepts it (the connection is then closed again).
     */
    public static int upgradeStatus(HttpClient http, String baseUrl, String token) {
        try {
            connect(http, baseUrl, token, -1).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The hub's close of this connection, waited for up to {@code timeout}. */
    public Closed awaitClose(Duration timeout) throws Exception {
        try {
            return closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the hub did not close the stream within " + timeout, e);
        }
    }

    /** Whether the hub has closed this connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** The next message matching {@code filter} within {@code timeout}; others are skipped. */
    public JsonObject next(Duration timeout, Predicate<JsonObject> filter) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no matching stream message within " + timeout);
            }
            if (filter.test(m)) {
                return m;
            }
        }
    }

    /** Every message received so far (drains the queue). */
    public java.util.List<JsonObject> drain() {
        java.util.List<JsonObject> out = new java.util.ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
