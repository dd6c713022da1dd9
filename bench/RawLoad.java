import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * bench/run ingest's load generator: MQTT 3.1.1 QoS 1 publishers on one thread with non-blocking sockets,
 * so that the generator itself costs little CPU on the machine it measures (hub-sim load runs three Paho
 * threads per device). Each device connects with its own login (the broker's ACL lets it publish only on
 * its own topic); gates send {@code access.granted}, other devices {@code heartbeat}, with the same data
 * fields as hub-sim. The events of a run have ids {@code PREFIX-N}; each event's {@code time} is the
 * moment it was written to the socket (millisecond precision), so stored_at − event_time is publish → commit.
 *
 * <p>Pacing: a fixed schedule of RATE events per second, round-robin over the devices in runs of
 * {@link #RUN} consecutive events (so a socket write carries several); a device with
 * WINDOW unacknowledged publishes is skipped, and when every device is full the schedule waits
 * (backpressure, counted as {@code stalls}). After the duration it waits up to DRAIN seconds for the
 * remaining PUBACKs. Prints one JSON line: run_prefix, sent, acked, achieved_rate, ack_p50_ms,
 * ack_p99_ms, stalls. It sends exactly RATE × SECONDS events (a stalled run takes longer than SECONDS).
 * Not thread-safe (one thread does everything); memory: one send-time array of 65,536 longs per device.
 *
 * <p>Why hand-written MQTT and not Paho: measured on the 2-core bench machine (bench/README.md, ingest),
 * {@code hub-sim load} (Paho, threads per device) could not offer more than 8–10k events/s, while this
 * generator offers 15k/s for about 0.4 core, leaving the rest to the hub, broker and database it measures.
 *
 * <p>Run: {@code java bench/RawLoad.java HOST:PORT CREDENTIALS_FILE RATE SECONDS [WINDOW] [DRAIN]}
 */
public final class RawLoad {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.ofHours(8));
    /** Consecutive events of one device before the next device's turn: fewer, larger socket writes. */
    private static final int RUN = 8;
    private static final String[] METHODS = {"face", "face", "face", "card", "card", "qr", "pin"};

    /** One device's connection and its in-flight bookkeeping. */
    private static final class Device {
        final String code;
        final boolean gate;
        final byte[] topic;
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out = ByteBuffer.allocate(256 * 1024);
        final long[] sentAt = new long[65_536];
        int nextId = 1;
        int inFlight;
        boolean connected;

        Device(String code, boolean gate, String topic, SocketChannel channel) {
            this.code = code;
            this.gate = gate;
            this.topic = topic.getBytes(StandardCharsets.UTF_8);
            this.channel = channel;
        }
    }

    private final List<Device> devices = new ArrayList<>();
    private final Selector selector;
    private final SplittableRandom random = new SplittableRandom(42);
    private final String prefix = "raw" + Long.toString(System.currentTimeMillis(), 36);
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private long sent;
    private long acked;
    private long stalls;
    private long cachedMillis = -1;
    private String cachedTime;

    private RawLoad() throws IOException {
        selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: RawLoad HOST:PORT CREDENTIALS_FILE RATE SECONDS [WINDOW=100] [DRAIN_SECONDS=60]");
            System.exit(2);
        }
        String[] hostPort = args[0].replaceFirst("^tcp://", "").split(":");
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int drain = args.length > 5 ? Integer.parseInt(args[5]) : 60;
        RawLoad load = new RawLoad();
        try {
            load.connectAll(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), Path.of(args[1]));
            load.run(Double.parseDouble(args[2]), Integer.parseInt(args[3]), window, drain);
        } finally {
            for (Device d : load.devices) {
                d.channel.close();
            }
            load.selector.close();
        }
    }

    private void connectAll(InetSocketAddress broker, Path credentials) throws IOException {
        for (String line : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Map<String, String> f = new HashMap<>();
            for (String kv : line.strip().split("\\s+")) {
                int eq = kv.indexOf('=');
                f.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            String code = f.get("username");
            SocketChannel ch = SocketChannel.open(broker);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Device d = new Device(code, f.get("type").equals("gate"), "hub/v1/" + f.get("community") + "/" + f.get("type")
                    + "/" + code + "/event", ch);
            devices.add(d);
            ch.register(selector, SelectionKey.OP_READ, d);
            queue(d, connectPacket("rawload-" + code, code, f.get("password")));
            flush(d);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (devices.stream().anyMatch(d -> !d.connected)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("devices did not all get CONNACK within 60 s");
            }
            poll(10);
        }
    }

    private void run(double rate, int seconds, int window, int drainSeconds) throws IOException {
        long start = System.nanoTime();
        long total = Math.round(seconds * rate);
        double interval = 1e9 / rate;
        int cursor = 0;
        int runLeft = RUN;
        while (sent < total) {
            long now = System.nanoTime();
            long due = Math.min((long) ((now - start) / interval) + 1, total);
            boolean stalled = false;
            while (sent < due) {
                Device d = devices.get(cursor);
                if (d.inFlight >= window || runLeft == 0) {
                    int tries = 0;
                    do {
                        cursor = (cursor + 1) % devices.size();
                        d = devices.get(cursor);
                    } while (d.inFlight >= window && ++tries < devices.size());
                    if (d.inFlight >= window) {
                        stalled = true;
                        break;
                    }
                    runLeft = RUN;
                }
                publish(d);
                runLeft--;
            }
            if (stalled) {
                stalls++;
            }
            for (Device d : devices) {
                if (d.out.position() > 0) {
                    flush(d);
                }
            }
            // Ticks of at least 2 ms: each write and read then carries several packets.
            long next = start + (long) ((sent + RUN) * interval);
            poll(stalled ? 1 : Math.max(2, (next - System.nanoTime()) / 1_000_000));
        }
        long ran = System.nanoTime() - start;
        long drainEnd = System.nanoTime() + drainSeconds * 1_000_000_000L;
        while (acked < sent && System.nanoTime() < drainEnd) {
            poll(10);
        }
        long[] lat = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(lat);
        System.out.printf("{\"run_prefix\":\"%s\",\"sent\":%d,\"acked\":%d,\"achieved_rate\":%.1f,\"ack_p50_ms\":%.2f,"
                        + "\"ack_p99_ms\":%.2f,\"stalls\":%d,\"devices\":%d}%n", prefix, sent, acked, sent * 1e9 / ran,
                percentile(lat, 0.50), percentile(lat, 0.99), stalls, devices.size());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private void publish(Device d) {
        long seq = sent++;
        String data = d.gate
                ? "{\"direction\":\"" + (random.nextBoolean() ? "in" : "out") + "\",\"method\":\""
                        + METHODS[random.nextInt(METHODS.length)] + "\",\"person\":\"" + person(random.nextInt(5000)) + "\"}"
                : "{\"battery\":" + (20 + random.nextInt(81)) + ",\"rssi\":" + (-95 + random.nextInt(56)) + "}";
        byte[] payload = ("{\"id\":\"" + prefix + "-" + seq + "\",\"type\":\"" + (d.gate ? "access.granted" : "heartbeat")
                + "\",\"time\":\"" + now() + "\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
        int id = d.nextId;
        d.nextId = id == 65_535 ? 1 : id + 1;
        int remaining = 2 + d.topic.length + 2 + payload.length;
        ByteBuffer p = ByteBuffer.allocate(1 + 4 + remaining);
        p.put((byte) 0x32);
        putLength(p, remaining);
        p.putShort((short) d.topic.length).put(d.topic).putShort((short) id).put(payload).flip();
        d.sentAt[id] = System.nanoTime();
        d.inFlight++;
        queue(d, p);
    }

    private static String person(int n) {
        int h = Integer.rotateLeft(n * 0x9E3779B1, 7) ^ 0x5bd1e995;
        return String.format("p-%06x", h & 0xffffff);
    }

    private String now() {
        long ms = System.currentTimeMillis();
        if (ms != cachedMillis) {
            cachedMillis = ms;
            cachedTime = TIME.format(Instant.ofEpochMilli(ms));
        }
        return cachedTime;
    }

    private static ByteBuffer connectPacket(String clientId, String user, String password) {
        byte[][] fields = {clientId.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8)};
        int remaining = 10 + Arrays.stream(fields).mapToInt(f -> 2 + f.length).sum();
        ByteBuffer p = ByteBuffer.allocate(1 + 4 + remaining);
        p.put((byte) 0x10);
        putLength(p, remaining);
        p.putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII)).put((byte) 4) // MQTT 3.1.1
                .put((byte) 0xC2) // username, password, clean session
                .putShort((short) 120); // keep-alive (s): longer than any run's drain, so no PINGREQ is needed
        for (byte[] f : fields) {
            p.putShort((short) f.length).put(f);
        }
        return p.flip();
    }

    private static void putLength(ByteBuffer p, int length) {
        do {
            int b = length % 128;
            length /= 128;
            p.put((byte) (length > 0 ? b | 0x80 : b));
        } while (length > 0);
    }

    private static void queue(Device d, ByteBuffer packet) {
        if (d.out.remaining() < packet.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(d.out.capacity() * 2, d.out.position() + packet.remaining()));
            d.out.flip();
            bigger.put(d.out);
            d.out = bigger;
        }
        d.out.put(packet);
    }

    private void flush(Device d) throws IOException {
        d.out.flip();
        d.channel.write(d.out);
        d.out.compact();
        SelectionKey key = d.channel.keyFor(selector);
        key.interestOps(d.out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void poll(long timeoutMs) throws IOException {
        if (timeoutMs <= 0) {
            selector.selectNow();
        } else {
            selector.select(timeoutMs);
        }
        for (SelectionKey key : selector.selectedKeys()) {
            Device d = (Device) key.attachment();
            if (key.isValid() && key.isWritable()) {
                flush(d);
            }
            if (key.isValid() && key.isReadable()) {
                if (d.channel.read(d.in) < 0) {
                    throw new IOException("the broker closed the connection of " + d.code);
                }
                parse(d);
            }
        }
        selector.selectedKeys().clear();
    }

    /** Consumes whole packets from the device's input buffer: CONNACK and PUBACK; others are ignored. */
    private void parse(Device d) throws IOException {
        ByteBuffer in = d.in.flip();
        while (in.remaining() >= 2) {
            in.mark();
            int type = in.get() & 0xF0;
            int length = 0;
            int shift = 0;
            int b;
            do {
                if (!in.hasRemaining()) {
                    in.reset();
                    d.in.compact();
                    return;
                }
                b = in.get() & 0xFF;
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (in.remaining() < length) {
                in.reset();
                break;
            }
            int bodyStart = in.position();
            if (type == 0x20) {
                int code = in.get(bodyStart + 1) & 0xFF;
                if (code != 0) {
                    throw new IOException("the broker refused " + d.code + " (CONNACK return code " + code + ")");
                }
                d.connected = true;
            } else if (type == 0x40) {
                int id = in.getShort(bodyStart) & 0xFFFF;
                d.inFlight--;
                acked++;
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                latencies[latencyCount++] = System.nanoTime() - d.sentAt[id];
            }
            in.position(bodyStart + length);
        }
        d.in.compact();
    }
}
