package org.communityhub.gateway.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.MqttBrokers;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.communityhub.gateway.ingest.IngestStore;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The whole MQTT intake of one gateway instance: one pipeline per {@link IntakeLane} (bulk: {@code HUB_INGEST_WORKERS}
 * writers, {@code HUB_BATCH_MAX}; alarm: {@value IntakeLane#ALARM_WORKERS} writers, small batches), sharing the store
 * and the metrics, and on each broker ({@code HUB_MQTT_URL} and every {@code HUB_MQTT_SHARDS} broker) one session per
 * lane ({@link BrokerSessions}) feeding that lane's pipeline; each message is acknowledged on the session it came from.
 * Start once; {@link #close} stops every session from taking more, drains and acks each pipeline, then disconnects.
 * Thread-safe after {@link #start}.
 */
public final class MqttIntake implements AutoCloseable {

    private static final int ALARM_BATCH_MAX = 100;
    /** The bytes a pipeline may hold never exceed this share of the heap. */
    private static final int HEAP_SHARE_DIVISOR = 4;

    private final Map<IntakeLane, IngestPipeline> pipelines = new EnumMap<>(IntakeLane.class);
    private final List<BrokerSessions> brokers = new ArrayList<>();

    public MqttIntake(HubConfig config, IngestPipeline.Intake intake, IngestStore store, IngestMetrics metrics,
                      Clock clock) {
        for (IntakeLane lane : IntakeLane.values()) {
            boolean bulk = lane == IntakeLane.BULK;
            // Every broker's session of a lane may fill its window at once.
            int window = lane.receiveMaximum(config) * config.brokers().brokers().size();
            pipelines.put(lane, new IngestPipeline(lane.name().toLowerCase(java.util.Locale.ROOT), intake, store,
                    metrics, lane.workers(config), window + 1000, bulk ? config.batchMax() : ALARM_BATCH_MAX,
                    maxQueuedBytes(window), lane.lingerNanos()));
        }
        try {
            for (MqttBrokers.Broker broker : config.brokers().brokers()) {
                brokers.add(new BrokerSessions(config, broker, pipelines, clock));
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create the MQTT clients: " + e.getMessage(), e);
        }
    }

    /**
     * What one lane's pipeline may hold: its whole receive window (over all brokers) of the largest packets the
     * sessions accept ({@link MqttIngestClient#MAX_PACKET_BYTES}), so it never blocks the MQTT callback when the
     * brokers keep to the window, but never more than a quarter of the heap (for a huge configured window).
     */
    static long maxQueuedBytes(int window) {
        long bytes = (long) window * MqttIngestClient.MAX_PACKET_BYTES;
        return Math.min(bytes, Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR);
    }

    /**
     * {@code action} runs each time the sessions on a broker are connected and subscribed, at the start and after
     * every reconnect, on the thread that connected them (never an event loop). Set it before {@link #start}.
     */
    public void onConnected(Runnable action) {
        brokers.forEach(b -> b.onConnected(action));
    }

    /** Starts the writers, then connects and subscribes the sessions on every broker; blocks (call off the event loop). */
    public void start() throws MqttException {
        pipelines.values().forEach(IngestPipeline::start);
        for (BrokerSessions b : brokers) {
            b.start();
        }
    }

    /** Messages waiting in the pipelines' queues, over all lanes. */
    public int backlog() {
        return pipelines.values().stream().mapToInt(IngestPipeline::backlog).sum();
    }

    /** True while every session on every broker is connected. */
    public boolean isConnected() {
        return brokers.stream().allMatch(BrokerSessions::isConnected);
    }

    @Override
    public void close() {
        brokers.forEach(BrokerSessions::stopTaking);
        pipelines.values().forEach(IngestPipeline::close);
        brokers.forEach(BrokerSessions::close);
    }
}
