package org.communityhub.sim;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * Publishing respects an in-flight window (a semaphore released on PUBACK), so Paho never reports
 * "too many publishes in progress". Thread-safe: publish may be called from any thread.
 * Cost: one TCP connection and three Paho I/O threads while connected.
 */
public final class DeviceClient implements AutoCloseable {

    /** A PUBACK reason code at or above this is a refusal (e.g. 0x87 not authorized by the ACL). */
    public static final int FIRST_ERROR_REASON = 0x80;
    /** PUBACK reason 0x10: accepted, no matching subscribers. */
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;

    private final DeviceCredentials device;
    private final String url;
    private final MqttAsyncClient client;
    private final int keepAliveSeconds;
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
        this.keepAliveSeconds = keepAliveSeconds;
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

    /** Publishes the retained status {@code online} or {@code offline} at QoS 1. */
    public CompletableFuture<Ack> publishStatus(String status) {
        try {
            return publish(device.statusTopic(), status.getBytes(StandardCharsets.US_ASCII), 1, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Publishes any bytes on any topic (the malformed scenario needs this), waiting for window room. */
    public CompletableFuture<Ack> publish(String topic, byte[] payload, int qos, boolean retained) throws InterruptedException {
        Semaphore w = window;
        w.acquire();
        return send(w, topic, payload, qos, retained);
    }

    /** Like {@link #publish} but returns null at once when the in-flight window is full. */
    public CompletableFuture<Ack> tryPublish(String topic, byte[] payload) {
        Semaphore w = window;
        return w.tryAcquire() ? send(w, topic, payload, 1, false) : null;
    }

    private CompletableFuture<Ack> send(Semaphore w, String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Ack> acked = new CompletableFuture<>();
        long sentNanos = System.nanoTime();
        MqttMessage message = new MqttMessage(payload, qos, retained, new MqttProperties());
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    w.release();
                    int[] codes = token.getReasonCodes();
                    int reason = codes == null || codes.length == 0 ? 0 : codes[0];
                    acked.complete(new Ack(sentNanos, System.nanoTime(), reason));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    w.release();
                    acked.completeExceptionally(error);
                }
            });
        } catch (MqttException | RuntimeException e) {
            w.release();
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
