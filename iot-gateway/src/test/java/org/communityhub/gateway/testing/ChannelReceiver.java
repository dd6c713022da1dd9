package org.communityhub.gateway.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small real HTTP receiver for channel tests (the JDK's HTTP server on a free loopback port): it records every
 * request (path, query, headers, raw body) and answers like the real service of each path's first segment —
 * {@code /dingtalk…} and {@code /wecom…} {@code {"errcode":0}}, {@code /feishu…} {@code {"code":0}}, anything else
 * 200 {@code {}} — unless answers were queued for that path with {@link #failNext}. Thread-safe.
 */
public final class ChannelReceiver implements AutoCloseable {

    /** One received request. */
    public record Request(String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A queued answer. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();

    public ChannelReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(new Request(path, exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
            }
            Deque<Answer> q = queued.get(path);
            Answer a = q == null ? null : q.pollFirst();
            if (a == null) {
                boolean errcode = path.startsWith("/dingtalk") || path.startsWith("/wecom");
                a = new Answer(200, errcode ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                        : path.startsWith("/feishu") ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}" : "{}");
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** Answers the next requests to {@code path} with these, in order, then normally again. */
    public void failNext(String path, Answer... answers) {
        queued.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addAll(List.of(answers));
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    public List<Request> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
