import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap of a running hub (its own process) with N open, idle {@code /api/v1/stream} WebSockets (issue 19, the
 * capacity guide's "heap per 1,000 stream clients"). Usage, with a hub on BASE whose pid is PID and a login's TOKEN
 * (set {@code HUB_STREAM_MAX_PER_USER} and {@code HUB_STREAM_MAX_CONNECTIONS} above the largest N):
 * {@code java bench/StreamHeap.java BASE PID TOKEN N1 N2 …}. For each N it opens clients in batches of 100 until N are
 * open, waits until {@code hub_stream_connections} says so, runs {@code jcmd PID GC.run} three times and prints the
 * lowest {@code jvm_heap_used_bytes} after them; then it drops every client.
 */
public class StreamHeap {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long pid = Long.parseLong(args[1]);
        String token = args[2];
        List<WebSocket> open = new ArrayList<>();
        System.out.printf("open=0 live_heap_MB=%.1f%n", live(base, pid) / 1e6);
        for (int i = 3; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            while (open.size() < n) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int k = 0; k < 100 && open.size() + batch.size() < n; k++) {
                    batch.add(HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replaceFirst("^http", "ws")
                            + "/api/v1/stream?token=" + token), new WebSocket.Listener() { }));
                }
                for (CompletableFuture<WebSocket> f : batch) {
                    open.add(f.get(30, TimeUnit.SECONDS));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (metric(base, "hub_stream_connections") < n && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            System.out.printf("open=%d (hub_stream_connections %.0f) live_heap_MB=%.1f%n", n,
                    metric(base, "hub_stream_connections"), live(base, pid) / 1e6);
        }
        open.forEach(WebSocket::abort);
    }

    private static double live(String base, long pid) throws Exception {
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
            lowest = Math.min(lowest, metric(base, "jvm_heap_used_bytes"));
        }
        return lowest;
    }

    private static double metric(String base, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
