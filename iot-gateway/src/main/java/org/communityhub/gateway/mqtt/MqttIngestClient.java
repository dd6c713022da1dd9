package org.communityhub.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.ingest.InboundMessage;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the gateway's MQTT v5 sessions (an {@link IntakeLane}). A fixed client id per instance and
 * lane, clean start off and a long session expiry make the broker keep unacknowledged messages
 * across restarts; the event stream is a shared subscription so several instances split it;
 * status topics are subscribed by every instance (retained messages reach only non-shared
 * subscribers). Acks are manual and sent by the pipeline after the commit; the receive maximum
 * bounds what is in flight (backpressure).
 *
 * <p>Paho calls {@link MqttCallback#messageArrived} on its own thread; this class only hands the
 * message to the pipeline there. Thread-safe.
 */
public final class MqttIngestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    /** CONNACK reason codes (MQTT 5 §3.2.2.2) that no retry will change. */
    static final int BAD_USERNAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;
    /** How long {@link #start} keeps trying to reach the broker before the hub gives up starting. */
    static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);
    /**
     * The largest MQTT packet the hub accepts: the contract's 16 KiB payload plus room for topic and
     * properties (the private broker's {@code max_packet_size} is the same). The broker does not send
     * bigger messages to the hub's sessions, whatever a device publishes and whatever the broker allows.
     */
    public static final int MAX_PACKET_BYTES = 20 * 1024;

    private final HubConfig config;
    private final IntakeLane lane;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-mqtt-reconnect");
        t.setDaemon(true);
        return t;
    });
    private MqttConnectionOptions options;
    private volatile boolean taking = true;
    private MqttAsyncClient client;

    public MqttIngestClient(HubConfig config, IntakeLane lane, IngestPipeline pipeline, Clock clock) {
        this.config = config;
        this.lane = lane;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** Connects and subscribes; blocks until connected (call off the event loop). */
    public void start() throws MqttException {
        client = new MqttAsyncClient(config.mqttUrl(), lane.clientId(config), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.mqttSessionExpiry().toSeconds());
        // Reconnection is ours (see reconnect()): Paho 1.2.5's automatic reconnect was seen not to
        // come back after a broker restart.
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(20);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(lane.receiveMaximum(config));
        options.setMaximumPacketSize((long) MAX_PACKET_BYTES);
        options.setUserName(config.mqttUser());
        if (config.mqttPassword().isPresent()) {
            options.setPassword(config.mqttPassword().value().getBytes(StandardCharsets.UTF_8));
        }
        // A loaded broker may drop a first attempt; keep trying for a while before giving up.
        long deadline = System.nanoTime() + STARTUP_PATIENCE.toNanos();
        long backoffMs = 200;
        while (true) {
            try {
                if (!client.isConnected()) {
                    client.connect(options).waitForCompletion(15_000);
                }
                // Serving starts only once the broker has confirmed the subscriptions (SUBACK).
                client.subscribe(subscriptions()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline || e.getReasonCode() == BAD_USERNAME_OR_PASSWORD
                        || e.getReasonCode() == NOT_AUTHORIZED) {
                    throw e;
                }
                LOG.warn("connecting to the broker failed ({}); retrying in {} ms", e.getMessage(), backoffMs);
                LockSupport.parkNanos(backoffMs * 1_000_000L);
                backoffMs = Math.min(backoffMs * 2, 2_000);
            }
        }
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    private MqttSubscription[] subscriptions() {
        return lane.subscriptions(config);
    }

    /**
     * Reconnects with the same persistent session (the broker then redelivers what was not acked),
     * re-subscribes, and retries with a backoff from 200 ms to 2 s until it succeeds or the client closes.
     */
    private void reconnect(long delayMs) {
        if (closing.get()) {
            return;
        }
        reconnector.schedule(() -> {
            if (closing.get() || client.isConnected()) {
                return;
            }
            try {
                client.connect(options).waitForCompletion(10_000);
                client.subscribe(subscriptions()).waitForCompletion(10_000);
                LOG.info("{} session reconnected to the broker", lane);
            } catch (MqttException e) {
                long next = Math.min(delayMs * 2, 2_000);
                LOG.warn("reconnecting to the broker failed ({}); retrying in {} ms", e.getMessage(), next);
                reconnect(next);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void ack(MqttMessage message) {
        if (message.getQos() == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // The session is gone; the broker redelivers the message after reconnecting and the
            // idempotent store makes that a no-op.
            LOG.debug("ack of message {} not sent: {}", message.getId(), e.getMessage());
        }
    }

    /** Stops handing messages to the pipeline (they stay unacknowledged), before it is drained. */
    public void stopTaking() {
        taking = false;
    }

    /** Disconnects after the pipeline has been drained and acked by the caller. */
    @Override
    public void close() {
        if (client == null || !closing.compareAndSet(false, true)) {
            return;
        }
        reconnector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("close: {}", e.getMessage());
            }
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (!taking) {
                return; // not acked: the broker redelivers it to this or another instance
            }
            InboundMessage inbound = new InboundMessage(topic, message.getPayload(), clock.instant(), () -> ack(message));
            if (lane.handledElsewhere(inbound)) {
                ack(message); // the other lane's session holds its own copy until that is committed
                return;
            }
            pipeline.submit(inbound);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            LOG.info("{} session connected to the broker at {}", lane, serverURI);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing.get()) {
                LOG.warn("{} session: broker connection lost ({}); reconnecting", lane, response.getException() != null
                        ? response.getException().getMessage() : response.getReasonString());
                reconnect(200);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // The gateway publishes nothing.
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
