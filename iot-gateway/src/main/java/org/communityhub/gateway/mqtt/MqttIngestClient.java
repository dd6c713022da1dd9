package org.communityhub.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The gateway's MQTT v5 session. A fixed client id per instance, clean start off and a long
 * session expiry make the broker keep unacknowledged messages across restarts; the event stream
 * is a shared subscription so several instances split it; status topics are subscribed by every
 * instance (retained messages reach only non-shared subscribers). Acks are manual and sent by
 * the pipeline after the commit; the receive maximum bounds what is in flight (backpressure).
 *
 * <p>Paho calls {@link MqttCallback#messageArrived} on its own thread; this class only hands the
 * message to the pipeline there. Thread-safe.
 */
public final class MqttIngestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    static final String EVENT_FILTER = "hub/v1/+/+/+/event";
    static final String STATUS_FILTER = "hub/v1/+/+/+/status";

    private final HubConfig config;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean taking = true;
    private MqttAsyncClient client;

    public MqttIngestClient(HubConfig config, IngestPipeline pipeline, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** Connects and subscribes; blocks until connected (call off the event loop). */
    public void start() throws MqttException {
        client = new MqttAsyncClient(config.mqttUrl(), "hub-gateway-" + config.instanceId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.mqttSessionExpiry().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 5);
        options.setKeepAliveInterval(20);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(config.receiveMaximum());
        options.setUserName(config.mqttUser());
        if (config.mqttPassword().isPresent()) {
            options.setPassword(config.mqttPassword().value().getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(15_000);
        // Serving starts only once the broker has confirmed the subscriptions (SUBACK).
        client.subscribe(subscriptions()).waitForCompletion(15_000);
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    private MqttSubscription[] subscriptions() {
        MqttSubscription events = new MqttSubscription("$share/" + config.mqttShareGroup() + "/" + EVENT_FILTER, 1);
        MqttSubscription status = new MqttSubscription(STATUS_FILTER, 1);
        return new MqttSubscription[] {events, status};
    }

    /** Re-subscribes after a reconnect (asynchronously: this runs on Paho's callback thread). */
    private void resubscribe() {
        try {
            client.subscribe(subscriptions());
        } catch (MqttException e) {
            LOG.error("subscribing failed: {}", e.getMessage());
        }
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
            pipeline.submit(new InboundMessage(topic, message.getPayload(), clock.instant(), () -> ack(message)));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            LOG.info("connected to the broker at {}{}", serverURI, reconnect ? " (reconnected)" : "");
            if (reconnect) {
                resubscribe();
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing.get()) {
                LOG.warn("broker connection lost: {}; reconnecting", response.getReasonString());
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
