package org.communityhub.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.communityhub.contract.DeviceTopic;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.MqttBrokers;
import org.communityhub.gateway.ingest.InboundMessage;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the gateway's MQTT v5 sessions: one {@link IntakeLane} on one broker (or cluster: its server URIs are
 * tried in turn). A fixed client id per instance and lane, clean start off and a long session expiry make the
 * broker keep unacknowledged messages across restarts. Acks are manual and sent by the pipeline after the
 * commit; the receive maximum bounds what is in flight (backpressure). Connecting and subscribing are driven
 * by the broker's {@link BrokerSessions}, which orders the lanes' subscriptions and reconnects; this class
 * only tells it when the connection is lost.
 *
 * <p>A retained status that reaches the hub is a replay of the broker's last copy, not a live event: the
 * database is the source of truth for device status, so such a message is acknowledged and dropped (the status
 * subscription also asks the broker not to send them: retain handling 2).
 *
 * <p>Paho calls {@link MqttCallback#messageArrived} on its own thread; this class only hands the message to
 * the pipeline there. Thread-safe.
 */
final class MqttIngestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    /**
     * The largest MQTT packet the hub accepts: the contract's 16 KiB payload plus room for topic and
     * properties (the private broker's {@code max_packet_size} is the same). The broker does not send
     * bigger messages to the hub's sessions, whatever a device publishes and whatever the broker allows.
     */
    static final int MAX_PACKET_BYTES = 20 * 1024;
    private static final int KEEP_ALIVE_SECONDS = 20;

    private final IntakeLane lane;
    private final MqttBrokers.Broker broker;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final Runnable lost;
    private volatile MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final HubConfig config;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean taking = true;
    /** Whether {@link #client} has been used for a connect (then the next connect uses a new one). */
    private boolean used;
    /**
     * Bulk lane: whether fire-button copies are acknowledged without being worked. Only while the alarm lane's
     * subscription was confirmed before this session subscribed (see {@link BrokerSessions}); else worked here too.
     */
    private volatile boolean handOffAlarms;

    MqttIngestClient(HubConfig config, MqttBrokers.Broker broker, IntakeLane lane, IngestPipeline pipeline, Clock clock,
                     Runnable lost) throws MqttException {
        this.config = config;
        this.broker = broker;
        this.lane = lane;
        this.pipeline = pipeline;
        this.clock = clock;
        this.lost = lost;
        this.client = newClient();
        options = new MqttConnectionOptions();
        if (broker.uris().size() > 1) {
            options.setServerURIs(broker.uris().toArray(String[]::new));
        }
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.mqttSessionExpiry().toSeconds());
        // Reconnection is BrokerSessions' (Paho 1.2.5's automatic reconnect was seen not to come back after a
        // broker restart, and the lanes' subscriptions must be made in order).
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(10);
        options.setReceiveMaximum(lane.receiveMaximum(config));
        options.setMaximumPacketSize((long) MAX_PACKET_BYTES);
        if (broker.uris().stream().allMatch(u -> u.startsWith("tcp://"))) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        options.setUserName(config.mqttUser());
        if (config.mqttPassword().isPresent()) {
            options.setPassword(config.mqttPassword().value().getBytes(StandardCharsets.UTF_8));
        }
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.uris().get(0), lane.clientId(config), new MemoryPersistence());
        c.setManualAcks(true);
        c.setCallback(new Callback());
        return c;
    }

    /**
     * Connects with the persistent session; returns the broker's {@code sessionPresent}. Blocks up to
     * {@code timeoutMs}. A session the broker did not have any more (false) lost its queued messages there and
     * has no subscriptions: the caller subscribes on every connect anyway (Mosquitto 2.0 answers true after a
     * restart but has dropped the session's shared subscriptions, which it does not persist).
     */
    boolean connect(long timeoutMs) throws MqttException {
        if (used) {
            // A new Paho client for each new connection (same client id: the same session on the broker). Reusing the
            // one whose connection was lost, its threads may still be winding down, was seen to send no CONNECT at all
            // after a broker restart (the broker logged the TCP connection but no client until the timeout).
            renew(false);
        }
        used = true;
        IMqttToken token;
        try {
            token = client.connect(options);
            token.waitForCompletion(timeoutMs);
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT
                    || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
                renew(true); // a connect that got no CONNACK stays "in progress" in Paho for good: start over
            }
            throw e;
        }
        boolean present = token.getSessionPresent();
        if (!present) {
            LOG.warn("{} session on {}: the broker had no session for {} (sessionPresent=false): messages it had queued"
                    + " for it are gone; subscribing again", lane, broker.label(), lane.clientId(config));
        }
        return present;
    }

    /** Subscribes this lane's filters and waits for the SUBACK (at most {@code timeoutMs}). */
    void subscribe(long timeoutMs) throws MqttException {
        client.subscribe(lane.subscriptions(config)).waitForCompletion(timeoutMs);
    }

    /** Bulk lane: see {@link #handOffAlarms}; set before {@link #subscribe} on each connection. */
    void handOffAlarms(boolean handOff) {
        this.handOffAlarms = handOff;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** Replaces the Paho client (same client id, so the same session on the broker); {@code hung}: after a hung connect. */
    private void renew(boolean hung) throws MqttException {
        MqttAsyncClient old = client;
        try {
            old.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("{} session: dropping a hung connect: {}", lane, e.getMessage());
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("{} session: closing a hung client: {}", lane, e.getMessage());
        }
        if (hung) {
            LOG.warn("{} session on {}: the broker did not answer the connect; starting over with a new client", lane,
                    broker.label());
        }
        client = newClient();
        used = false;
    }

    /** Drops a connection that does not answer (it may lead to a broker that is gone); no DISCONNECT is waited for. */
    void dropConnection() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("{} session: dropping the connection: {}", lane, e.getMessage());
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
    void stopTaking() {
        taking = false;
    }

    /** Disconnects after the pipeline has been drained and acked by the caller. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
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
            InboundMessage inbound = new InboundMessage(topic, message.getPayload(), clock.instant(), () -> ack(message));
            if (message.isRetained() && inbound.topic() != null && inbound.topic().channel() == DeviceTopic.Channel.STATUS) {
                ack(message); // a replayed snapshot, not a live status: the database holds the device's state
                return;
            }
            if (handOffAlarms && lane.handledElsewhere(inbound)) {
                ack(message); // the alarm lane's session holds its own copy until that is committed
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
                LOG.warn("{} session on {}: broker connection lost ({}); reconnecting", lane, broker.label(),
                        response.getException() != null ? response.getException().getMessage() : response.getReasonString());
                lost.run();
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
