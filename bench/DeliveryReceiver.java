import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bench/run deliveries: the receiving end of the hub's channels, on loopback. JDK only; run as a single-file
 * program: {@code java bench/DeliveryReceiver.java SECRET DIR}. Serves four endpoints and writes their ports to
 * {@code DIR/ports} ({@code name port} per line) once all are listening:
 * <ul>
 * <li>{@code ok}: the working webhook. Each request's arrival time is taken when its headers have been read, the
 * body is read, its {@code X-Hub-Signature-256} is checked (HMAC-SHA256 of the raw body with SECRET, constant-time
 * compare) and one line {@code epoch_microseconds<TAB>X-Hub-Delivery<TAB>signature_ok(1|0)} is appended to
 * {@code DIR/ok.tsv}; the answer is 200, or 401 for a bad or missing signature (the hub then retries, so a bad
 * signature shows up as a failed delivery, not as a measured one).</li>
 * <li>{@code fail}: answers every request 500 after reading it; a line per request in {@code DIR/fail.tsv}.</li>
 * <li>{@code hang}: a plain socket that accepts and reads every connection and never answers (the hub's send
 * times out); a line per accepted connection in {@code DIR/hang.tsv}.</li>
 * <li>{@code refused}: a port that was bound and closed again, so nothing listens there (connection refused;
 * another program could in principle take the port meanwhile — the hub's logged errors show what happened).</li>
 * </ul>
 * Runs until killed. Lines are flushed as written, so the files are complete while it runs. Thread-safe.
 */
public final class DeliveryReceiver {

    private final byte[] secret;
    private final PrintWriter ok;
    private final PrintWriter fail;
    private final PrintWriter hang;

    private DeliveryReceiver(byte[] secret, Path dir) throws IOException {
        this.secret = secret;
        ok = writer(dir.resolve("ok.tsv"));
        fail = writer(dir.resolve("fail.tsv"));
        hang = writer(dir.resolve("hang.tsv"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DeliveryReceiver SECRET DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        DeliveryReceiver r = new DeliveryReceiver(args[0].getBytes(StandardCharsets.UTF_8), dir);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer http = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/ok", r::ok);
        http.createContext("/fail", r::fail);
        http.start();
        ServerSocket hang = new ServerSocket(0, 256, loopback);
        Thread acceptor = new Thread(() -> r.hang(hang), "hang-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            refused = s.getLocalPort();
        }
        int port = http.getAddress().getPort();
        Path tmp = dir.resolve("ports.tmp");
        Files.writeString(tmp, "ok " + port + "\nfail " + port + "\nhang " + hang.getLocalPort() + "\nrefused " + refused
                + "\n");
        Files.move(tmp, dir.resolve("ports"));
        Thread.sleep(Long.MAX_VALUE);
    }

    private void ok(HttpExchange exchange) throws IOException {
        long micros = micros();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("X-Hub-Delivery");
        String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
        boolean good = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                ("sha256=" + HexFormat.of().formatHex(hmac(body))).getBytes(StandardCharsets.US_ASCII));
        synchronized (ok) {
            ok.println(micros + "\t" + key + "\t" + (good ? 1 : 0));
        }
        answer(exchange, good ? 200 : 401);
    }

    private void fail(HttpExchange exchange) throws IOException {
        long micros = micros();
        exchange.getRequestBody().readAllBytes();
        synchronized (fail) {
            fail.println(micros + "\t" + exchange.getRequestHeaders().getFirst("X-Hub-Delivery"));
        }
        answer(exchange, 500);
    }

    /** Accepts connections and reads them to their end, never writing: each request waits for the sender's timeout. */
    private void hang(ServerSocket server) {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            synchronized (hang) {
                hang.println(micros());
            }
            Thread t = new Thread(() -> {
                try (Socket socket = s; InputStream in = socket.getInputStream()) {
                    byte[] buf = new byte[8192];
                    while (in.read(buf) >= 0) {
                        // discard: the request is read so the sender is never held up by a full socket buffer
                    }
                } catch (IOException e) {
                    // the sender gave up
                }
            }, "hang-read");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
    }

    private static PrintWriter writer(Path file) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
    }
}
