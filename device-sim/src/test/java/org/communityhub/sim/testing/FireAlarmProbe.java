package org.communityhub.sim.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;

/**
 * Presses fire buttons while a burst is being worked and measures, per alarm, the time from the
 * publish call to the alert arriving on a security guard's live stream ({@code /api/v1/stream}):
 * what a guard experiences. Stream messages are timestamped on arrival by a reader thread of its
 * own, so pressing buttons never delays the measurement. Bounded waits everywhere.
 */
public final class FireAlarmProbe implements AutoCloseable {

    private final HubFixture hub;
    private final List<TestDevice> buttons;
    private final List<MqttClient> clients = new ArrayList<>();
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final String nonce = Long.toString(System.nanoTime(), 36);
    private volatile boolean closed;
    private StreamClient stream;
    private Thread reader;

    public FireAlarmProbe(HubFixture hub, List<TestDevice> buttons) {
        this.hub = hub;
        this.buttons = buttons;
    }

    /** Connects the buttons and a guard's stream of {@code community}; call before the burst. */
    public FireAlarmProbe connect(String community) throws Exception {
        for (TestDevice b : buttons) {
            clients.add(b.connect(hub.mqttUrl()));
        }
        stream = StreamClient.connect(hub.http(), hub.baseUrl(), hub.login("burst-guard", Role.SECURITY, community), -1);
        reader = new Thread(this::readStream, "fire-probe-stream");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void readStream() {
        while (!closed) {
            JsonObject m;
            try {
                m = stream.next(Duration.ofMillis(200), x -> "alert".equals(x.getString("kind")));
            } catch (AssertionError quiet) {
                continue;
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Object id : m.getJsonObject("alert").getJsonArray("event_ids", new JsonArray())) {
                seenAt.putIfAbsent(String.valueOf(id), now);
            }
        }
    }

    /**
     * Waits (at most {@code patience}) until {@code progress} has grown by {@code threshold} — the
     * burst is arriving — then presses every button once, spread evenly over {@code spread}.
     *
     * @return false if the burst never showed up (nothing was pressed)
     */
    public boolean pressDuringBurst(LongSupplier progress, long threshold, Duration patience, Duration spread)
            throws Exception {
        long base = progress.getAsLong();
        long deadline = System.nanoTime() + patience.toNanos();
        while (progress.getAsLong() - base < threshold) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        long gapNanos = spread.toNanos() / buttons.size();
        long start = System.nanoTime();
        for (int i = 0; i < buttons.size(); i++) {
            long due = start + i * gapNanos;
            while (System.nanoTime() < due) {
                Thread.sleep(1);
            }
            String id = idPrefix() + i;
            publishedAt.put(id, System.nanoTime());
            buttons.get(i).publish(clients.get(i), TestDevice.payload(id, "fire.alarm", "{\"floor\":1}"));
        }
        return true;
    }

    /**
     * Publish → stream latency in milliseconds of every pressed alarm, sorted; waits at most
     * {@code timeout} for them all. An alarm never seen is missing from the result.
     */
    public long[] latenciesMs(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seenAt.keySet().containsAll(publishedAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long[] ms = publishedAt.entrySet().stream().filter(e -> seenAt.containsKey(e.getKey()))
                .mapToLong(e -> (seenAt.get(e.getKey()) - e.getValue()) / 1_000_000).toArray();
        Arrays.sort(ms);
        return ms;
    }

    /** Every event id this probe publishes starts with this. */
    public String idPrefix() {
        return "fire-" + nonce + "-";
    }

    public int pressed() {
        return publishedAt.size();
    }

    @Override
    public void close() {
        closed = true;
        for (MqttClient c : clients) {
            try {
                c.disconnect();
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (stream != null) {
            stream.close();
        }
    }
}
