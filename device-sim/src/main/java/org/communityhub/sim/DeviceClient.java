package org.communityhub.sim;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.communityhub.contract.DeviceCredentials;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One simulated device on the broker: its own login (client id {@code sim-<code>} for the fleet; the
 * one-shot modes add a suffix so they do not take over a running fleet's session), a retained
 * {@code offline} Last Will and a retained {@code online} status on every (re)connect, events at QoS 1.
 * Publishing respects an in-flight window (a semaphore released once per publish, when it ends), so Paho never
 * reports "too many publishes in progress". Nothing here waits without a bound, and no Paho thread ever waits for
 * window room: every publish ends within {@link #ackTimeoutMillis()} (PUBACK, failure, or a timeout when a PUBACK
 * never comes, e.g. one lost over a broker restart), which frees its slot; {@link #publish} waits at most that long
 * for room; the {@code online} status sent on (re)connect takes room when there is some, else tries again on the
 * executor's timer. (It used to wait for room on Paho's callback thread, the thread that delivers the PUBACKs which
 * free the room: with the window full right after a reconnect the client stalled for good, and so did a load run.)
 * Thread-safe: publish may be called from any thread.
 * Cost: one TCP connection and three Paho I/O threads while connected; one timeout per publish in flight.
 */
public final class DeviceClient implements AutoCloseable {

    /** A PUBACK reason code at or above this is a refusal (e.g. 0x87 not authorized by the ACL). */
    public static final int FIRST_ERROR_REASON = 0x80;
    /** PUBACK reason 0x10: accepted, no matching subscribers. */
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    /** How often the {@code online} status looks for window room while the window is full. */
    private static final long STATUS_RETRY_MILLIS = 20;

    private final DeviceCredentials device;
    private final String url;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService executor;
    private final int keepAliveSeconds;
    private final long ackTimeoutMillis;
    private volatile Semaphore window;
    private final int maxWindow;

    /**
     * Creates (does not connect) a client.
     *
     * @param maxInFlight at most this many unacknowledged QoS 1 publishes (also capped by the broker's
     *                    receive maximum once connected)
     */
    public DeviceClient(DeviceCredentials device, String clientId, String url, ScheduledExecutorService executor,
                        int keepAliveSeconds, int maxInFlight) throws ConnectFailure {
        this.device = device;
        this.url = url;
        this.executor = executor;
        this.keepAliveSeconds = keepAliveSeconds;
        this.ackTimeoutMillis = Math.max(10_000L, 2_000L * keepAliveSeconds);
        this.maxWindow = maxInFlight;
        this.window = new Semaphore(maxInFlight);
        try {
            this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence(),
                    new TimerPingSender(executor), executor);
        } catch (MqttException | IllegalArgumentException e) {
            throw new ConnectFailure(device.code(), ConnectFailure.Kind.OTHER, "bad MQTT URL '" + url + "': " + e.getMessage(),
                    e);
        }
    }

    /** The client id of a one-shot mode's connection, e.g. {@code sim-g-0001-check}. */
    public static String clientId(DeviceCredentials device, String mode) {
        return mode == null ? "sim-" + device.code() : "sim-" + device.code() + "-" + mode;
    }

    public DeviceCredentials device() {
        return device;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * How long a publish may stay unanswered before it fails (and frees its window slot): twice the keep-alive, at
     * least 10 s. A broker that is alive answers long before; one that died is noticed by Paho within 1.5 keep-alives.
     */
    public long ackTimeoutMillis() {
        return ackTimeoutMillis;
    }

    /** Connects and publishes the retained {@code online} status; completes when both are acknowledged. */
    public CompletableFuture<Void> connect(boolean automaticReconnect) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(device.code());
        options.setPassword(device.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setConnectionTimeout(15);
        options.setAutomaticReconnect(automaticReconnect);
        options.setAutomaticReconnectDelay(1, 60);
        options.setWill(device.statusTopic(), statusMessage("offline"));
        client.setCallback(new StatusOnReconnect());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        try {
            client.connect(options, null, listener(connected, token -> {
                adoptBrokerReceiveMaximum(token);
                publishStatus("online").whenComplete((ack, err) -> complete(connected, err));
            }));
        } catch (MqttException e) {
            connected.completeExceptionally(ConnectFailure.of(device.code(), url, e));
        }
        return connected;
    }

    /** Connects, waiting at most {@code timeoutMillis}. */
    public void connectAndWait(boolean automaticReconnect, long timeoutMillis) throws ConnectFailure {
        try {
            connect(automaticReconnect).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof ConnectFailure cf ? cf : ConnectFailure.of(device.code(), url, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectFailure(device.code(), ConnectFailure.Kind.UNREACHABLE,
                    "no answer from the broker at " + url + " within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectFailure(device.code(), ConnectFailure.Kind.OTHER, "interrupted while connecting", e);
        }
    }

    /** Publishes an event on the device's own event topic at QoS 1, waiting for window room. */
    public CompletableFuture<Ack> publishEvent(SimEvent event) throws InterruptedException {
        return publish(device.eventTopic(), EventJson.payload(event), 1, false);
    }

    /**
     * Publishes the retained status {@code online} or {@code offline} at QoS 1 without waiting on this thread (it
     * may be Paho's): when the window is full it looks for room again every {@value #STATUS_RETRY_MILLIS} ms on the
     * executor's timer; the future fails when no room came within {@link #ackTimeoutMillis()}.
     */
    public CompletableFuture<Ack> publishStatus(String status) {
        CompletableFuture<Ack> done = new CompletableFuture<>();
        statusWhenRoom(status.getBytes(StandardCharsets.US_ASCII), done, System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis));
        return done;
    }

    private void statusWhenRoom(byte[] status, CompletableFuture<Ack> done, long deadline) {
        Semaphore w = window;
        if (w.tryAcquire()) {
            send(w, device.statusTopic(), status, 1, true).whenComplete((ack, err) -> {
                if (err == null) {
                    done.complete(ack);
                } else {
                    done.completeExceptionally(err);
                }
            });
        } else if (System.nanoTime() - deadline >= 0) {
            done.completeExceptionally(new TimeoutException(device.code() + ": no room in the in-flight window for the "
                    + "status within " + ackTimeoutMillis + " ms"));
        } else {
            try {
                executor.schedule(() -> statusWhenRoom(status, done, deadline), STATUS_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e); // the run is over
            }
        }
    }

    /**
     * Publishes any bytes on any topic (the malformed scenario needs this), waiting for window room at most
     * {@link #ackTimeoutMillis()}; the future then fails with a {@link TimeoutException}.
     */
    public CompletableFuture<Ack> publish(String topic, byte[] payload, int qos, boolean retained) throws InterruptedException {
        Semaphore w = window;
        if (!w.tryAcquire(ackTimeoutMillis, TimeUnit.MILLISECONDS)) {
            return CompletableFuture.failedFuture(new TimeoutException(device.code() + ": the in-flight window stayed "
                    + "full for " + ackTimeoutMillis + " ms"));
        }
        return send(w, topic, payload, qos, retained);
    }

    /** Like {@link #publish} but returns null at once when the in-flight window is full. */
    public CompletableFuture<Ack> tryPublish(String topic, byte[] payload) {
        Semaphore w = window;
        return w.tryAcquire() ? send(w, topic, payload, 1, false) : null;
    }

    /**
     * Sends with a slot of {@code w} already taken. The slot is released once, when the future ends: on PUBACK, on
     * failure, or after {@link #ackTimeoutMillis()} without either (a late PUBACK then changes nothing).
     */
    private CompletableFuture<Ack> send(Semaphore w, String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Ack> acked = new CompletableFuture<>();
        acked.whenComplete((ack, err) -> w.release());
        long sentNanos = System.nanoTime();
        MqttMessage message = new MqttMessage(payload, qos, retained, new MqttProperties());
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    int reason = codes == null || codes.length == 0 ? 0 : codes[0];
                    acked.complete(new Ack(sentNanos, System.nanoTime(), reason));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    acked.completeExceptionally(error);
                }
            });
            acked.orTimeout(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (MqttException | RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /**
     * Sends DISCONNECT (so the broker discards the Will) and closes, first publishing {@code offline} when
     * {@code announceOffline}; waits at most {@code timeoutMillis} for each step.
     */
    public void closeGracefully(boolean announceOffline, long timeoutMillis) {
        try {
            if (client.isConnected()) {
                if (announceOffline) {
                    publishStatus("offline").get(timeoutMillis, TimeUnit.MILLISECONDS);
                }
                client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
            }
        } catch (Exception e) {
            dropConnection();
        } finally {
            close();
        }
    }

    /**
     * Drops the TCP connection without sending DISCONNECT, as a device that loses power does; the
     * broker then publishes the Last Will ({@code offline}).
     */
    public void dropConnection() {
        try {
            client.disconnectForcibly(0, 1, false);
        } catch (MqttException e) {
            // already disconnected: nothing left to drop
            return;
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                dropConnection();
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a client that failed to connect: nothing is left open
            return;
        }
    }

    private void adoptBrokerReceiveMaximum(IMqttToken connectToken) {
        MqttProperties props = connectToken.getResponseProperties();
        Integer receiveMax = props == null ? null : props.getReceiveMaximum();
        if (receiveMax != null && receiveMax > 0 && receiveMax < maxWindow) {
            window = new Semaphore(receiveMax);
        }
    }

    private MqttMessage statusMessage(String status) {
        return new MqttMessage(status.getBytes(StandardCharsets.US_ASCII), 1, true, new MqttProperties());
    }

    private MqttActionListener listener(CompletableFuture<Void> future, Consumer<IMqttToken> onSuccess) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onSuccess.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                future.completeExceptionally(ConnectFailure.of(device.code(), url, error));
            }
        };
    }

    private static void complete(CompletableFuture<Void> future, Throwable error) {
        if (error == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(error);
        }
    }

    /** A publish acknowledged by the broker: when it left and when PUBACK came, and the reason code. */
    public record Ack(long sentNanos, long ackedNanos, int reasonCode) {
        public boolean refused() {
            return reasonCode >= FIRST_ERROR_REASON;
        }

        /** Accepted, but the broker had no subscriber for it (MQTT 5 reason 0x10): nobody received it. */
        public boolean unrouted() {
            return reasonCode == NO_MATCHING_SUBSCRIBERS;
        }

        public long latencyMicros() {
            return (ackedNanos - sentNanos) / 1000;
        }
    }

    private final class StatusOnReconnect implements MqttCallback {
        /** On Paho's callback thread: must not wait (the PUBACKs that free window room come on this thread). */
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                publishStatus("online");
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // automatic reconnect (when on) takes over; callers see isConnected() == false meanwhile
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            // surfaced through the publish futures
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // devices subscribe to nothing
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // acknowledgements are handled per publish
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
