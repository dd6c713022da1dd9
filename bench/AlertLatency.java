import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * bench/run alerts: publish → WebSocket latency of fire alarms. Logs in as an admin, opens the alert
 * stream, connects one MQTT client per fire button (each with its own login), then publishes COUNT
 * fire.alarm events round-robin over the buttons at RATE per second and times each from just before
 * its publish to the first stream message whose event_ids contain its id. Prints one line:
 * {@code sent N seen N missing N p50 X p99 X max X broker_seen N broker_p50 X broker_p99 X broker_max X
 * opens_p50 X opens_p99 X folds_p50 X folds_p99 X warmup_seen N warmup_p50 X warmup_p99 X warmup_max X}
 * (milliseconds). <em>Opens</em> are each button's first alarm (its building's alert is opened), <em>folds</em> the
 * later ones. With {@code BENCH_ALERTS_WARMUP_FILE} (buttons in the same format, none of them in BUTTONS_FILE) and
 * {@code BENCH_ALERTS_WARMUP} (a count), that many alarms from those buttons go first at the same rate, are timed
 * the same way but reported only in the {@code warmup_} fields, and the measured alarms start once they have all
 * arrived (or after 30 s) and a second has passed: the hub's first alarms after it started pay for cold code,
 * caches and connections, which a hub that has run for a while has paid long ago. With {@code BENCH_ALERTS_SAMPLES},
 * each measured alarm's publish order and latency are written to that file (tab-separated). The {@code broker_} figures come from a witness: with {@code HUB_MQTT_USER} and
 * {@code HUB_MQTT_PASSWORD} set, a plain (non-shared) subscriber on the fire-button topics times each alarm
 * from just before its publish to its arrival there — the part of the latency that is the publisher, the
 * broker and the machine, before the hub could do anything. Single-threaded publisher; the
 * WebSocket listener runs on the HTTP client's thread. Run: java -cp hub-sim.jar AlertLatency.java ...
 */
public final class AlertLatency {

    private static final Pattern EVENT_IDS = Pattern.compile("\"event_ids\":\\[([^\\]]*)\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern PAYLOAD_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final List<Double> latenciesMs = new ArrayList<>();
    /** Each alarm's publish order and latency, written to {@code BENCH_ALERTS_SAMPLES} when that is set. */
    private final Map<String, Integer> order = new ConcurrentHashMap<>();
    private final Map<Integer, Double> byOrder = new ConcurrentHashMap<>();
    /** Publish times by event id, kept for the witness (entries of {@link #pending} go once seen on the stream). */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Double> witnessMs = new ArrayList<>();
    /** Latencies of the warm-up alarms (ids starting {@link #WARMUP}), kept apart from {@link #latenciesMs}. */
    private final List<Double> warmupMs = new ArrayList<>();
    private static final String WARMUP = "warmup-";
    private volatile CountDownLatch remaining;
    /** When set: print "ready" once connected, then wait (at most 120 s) for this file before publishing. */
    private Path goFile;

    public static void main(String[] args) throws Exception {
        if (args.length != 7 && args.length != 8) {
            System.err.println("usage: AlertLatency HTTP_BASE MQTT_URL ADMIN PASSWORD BUTTONS_FILE COUNT RATE [GO_FILE]");
            System.exit(2);
        }
        AlertLatency a = new AlertLatency();
        a.goFile = args.length == 8 ? Path.of(args[7]) : null;
        a.run(args[0], args[1], args[2], args[3], Path.of(args[4]), Integer.parseInt(args[5]), Double.parseDouble(args[6]));
    }

    private void run(String http, String mqttUrl, String user, String password, Path buttonsFile, int count, double rate)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String token = login(client, http, user, password);
        StringBuilder partial = new StringBuilder();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create(http.replace("http", "ws") + "/api/v1/stream?token=" + token), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            onMessage(partial.toString(), System.nanoTime());
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        MqttAsyncClient witness = witness(mqttUrl);
        List<String[]> buttons = new ArrayList<>();
        List<MqttAsyncClient> clients = new ArrayList<>();
        connect(mqttUrl, buttonsFile, buttons, clients);
        String warmupFile = System.getenv("BENCH_ALERTS_WARMUP_FILE");
        int warmups = warmupFile == null ? 0 : Integer.parseInt(System.getenv().getOrDefault("BENCH_ALERTS_WARMUP", "0"));
        List<String[]> warmupButtons = new ArrayList<>();
        List<MqttAsyncClient> warmupClients = new ArrayList<>();
        if (warmups > 0) {
            connect(mqttUrl, Path.of(warmupFile), warmupButtons, warmupClients);
        }
        if (goFile != null) {
            System.err.println("ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(goFile) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (warmups > 0) {
            publish(warmupButtons, warmupClients, WARMUP + run + "-", warmups, rate);
            remaining.await(30, TimeUnit.SECONDS);
            TimeUnit.SECONDS.sleep(1);
        }
        publish(buttons, clients, "bench-" + run + "-", count, rate);
        remaining.await(30, TimeUnit.SECONDS);
        report(count, buttons.size());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        if (witness != null) {
            witness.disconnect().waitForCompletion(5_000);
            witness.close();
        }
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        for (MqttAsyncClient c : warmupClients) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        System.exit(0);
    }

    /** Connects one MQTT client per line ({@code username community password}) of {@code file}. */
    private static void connect(String mqttUrl, Path file, List<String[]> buttons, List<MqttAsyncClient> clients)
            throws Exception {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            MqttAsyncClient c = new MqttAsyncClient(mqttUrl, "bench-alarm-" + f[0], new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(f[0]);
            o.setPassword(f[2].getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(10_000);
            buttons.add(f);
            clients.add(c);
        }
    }

    /** Publishes {@code count} alarms round-robin over the buttons at {@code rate}/s; ids are prefix + order. */
    private void publish(List<String[]> buttons, List<MqttAsyncClient> clients, String prefix, int count, double rate)
            throws Exception {
        remaining = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int k = i % buttons.size();
            String[] b = buttons.get(k);
            String id = prefix + i;
            String payload = "{\"id\":\"" + id + "\",\"type\":\"fire.alarm\",\"time\":\""
                    + OffsetDateTime.now(ZoneOffset.ofHours(8)).format(TIME) + "\",\"data\":{\"floor\":1,\"zone\":\"lobby\"}}";
            long now = System.nanoTime();
            sentAt.put(id, now);
            order.put(id, i);
            pending.put(id, now);
            clients.get(k).publish("hub/v1/" + b[1] + "/fire_button/" + b[0] + "/event",
                    payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }

    /** The witness subscriber, or null without the hub's broker login in the environment. */
    private MqttAsyncClient witness(String mqttUrl) throws MqttException {
        String user = System.getenv("HUB_MQTT_USER");
        String password = System.getenv("HUB_MQTT_PASSWORD");
        if (user == null || password == null) {
            return null;
        }
        MqttAsyncClient c = new MqttAsyncClient(mqttUrl, "bench-alarm-witness", new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                Matcher m = PAYLOAD_ID.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
                Long sent = m.find() && !m.group(1).startsWith(WARMUP) ? sentAt.get(m.group(1)) : null;
                if (sent != null) {
                    synchronized (witnessMs) {
                        witnessMs.add((now - sent) / 1e6);
                    }
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe("hub/v1/+/fire_button/+/event", 0).waitForCompletion(10_000);
        return c;
    }

    private static String login(HttpClient client, String http, String user, String password) throws Exception {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http + "/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private void onMessage(String message, long now) {
        Matcher ids = EVENT_IDS.matcher(message);
        while (ids.find()) {
            Matcher q = QUOTED.matcher(ids.group(1));
            while (q.find()) {
                Long sent = pending.remove(q.group(1));
                if (sent != null) {
                    if (q.group(1).startsWith(WARMUP)) {
                        synchronized (warmupMs) {
                            warmupMs.add((now - sent) / 1e6);
                        }
                    } else {
                        synchronized (latenciesMs) {
                            latenciesMs.add((now - sent) / 1e6);
                        }
                        byOrder.put(order.get(q.group(1)), (now - sent) / 1e6);
                    }
                    remaining.countDown();
                }
            }
        }
    }

    private void report(int count, int buttonCount) {
        double[] ms;
        synchronized (latenciesMs) {
            ms = latenciesMs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Arrays.sort(ms);
        String samples = System.getenv("BENCH_ALERTS_SAMPLES");
        if (samples != null) {
            StringBuilder out = new StringBuilder("# alarm (publish order, 0-based)\tms publish -> stream\n");
            byOrder.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(e.getKey()).append('\t').append(String.format("%.1f", e.getValue())).append('\n'));
            try {
                Files.writeString(Path.of(samples), out);
            } catch (java.io.IOException e) {
                System.err.println("cannot write " + samples + ": " + e);
            }
        }
        double[] w;
        synchronized (witnessMs) {
            w = witnessMs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        Arrays.sort(w);
        double[] opens = byOrder.entrySet().stream().filter(e -> e.getKey() < buttonCount)
                .mapToDouble(Map.Entry::getValue).sorted().toArray();
        double[] folds = byOrder.entrySet().stream().filter(e -> e.getKey() >= buttonCount)
                .mapToDouble(Map.Entry::getValue).sorted().toArray();
        double[] warm;
        synchronized (warmupMs) {
            warm = warmupMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        System.out.printf("sent %d seen %d missing %d p50 %.1f p99 %.1f max %.1f broker_seen %d broker_p50 %.1f broker_p99 %.1f"
                + " broker_max %.1f opens_p50 %.1f opens_p99 %.1f folds_p50 %.1f folds_p99 %.1f warmup_seen %d"
                + " warmup_p50 %.1f warmup_p99 %.1f warmup_max %.1f%n", count, ms.length, count - ms.length,
                pct(ms, 0.50), pct(ms, 0.99), ms.length == 0 ? Double.NaN : ms[ms.length - 1], w.length, pct(w, 0.50),
                pct(w, 0.99), w.length == 0 ? Double.NaN : w[w.length - 1], pct(opens, 0.50), pct(opens, 0.99),
                pct(folds, 0.50), pct(folds, 0.99), warm.length, pct(warm, 0.50), pct(warm, 0.99),
                warm.length == 0 ? Double.NaN : warm[warm.length - 1]);
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
