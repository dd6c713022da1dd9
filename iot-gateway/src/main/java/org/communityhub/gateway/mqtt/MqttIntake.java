package org.communityhub.gateway.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.communityhub.gateway.ingest.IngestStore;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The whole MQTT intake of one gateway instance: one session and one pipeline per {@link IntakeLane}
 * (bulk: {@code HUB_INGEST_WORKERS} writers, {@code HUB_BATCH_MAX}; alarm: {@value IntakeLane#ALARM_WORKERS}
 * writers, small batches),
 * sharing the store and the metrics. Start once; {@link #close} stops every session from taking
 * more, drains and acks each pipeline, then disconnects. Thread-safe after {@link #start}.
 */
public final class MqttIntake implements AutoCloseable {

    private static final int ALARM_BATCH_MAX = 100;
    /** The bytes a pipeline may hold never exceed this share of the heap. */
    private static final int HEAP_SHARE_DIVISOR = 4;

    private final List<IngestPipeline> pipelines = new ArrayList<>();
    private final List<MqttIngestClient> clients = new ArrayList<>();

    public MqttIntake(HubConfig config, IngestPipeline.Intake intake, IngestStore store, IngestMetrics metrics,
                      Clock clock) {
        for (IntakeLane lane : IntakeLane.values()) {
            boolean bulk = lane == IntakeLane.BULK;
            IngestPipeline pipeline = new IngestPipeline(lane.name().toLowerCase(java.util.Locale.ROOT), intake, store,
                    metrics, lane.workers(config), lane.receiveMaximum(config) + 1000,
                    bulk ? config.batchMax() : ALARM_BATCH_MAX, maxQueuedBytes(lane, config));
            pipelines.add(pipeline);
            clients.add(new MqttIngestClient(config, lane, pipeline, clock));
        }
    }

    /**
     * What one lane's pipeline may hold: its whole receive window of the largest packets the session
     * accepts ({@link MqttIngestClient#MAX_PACKET_BYTES}), so it never blocks the MQTT callback when the
     * broker keeps to the window, but never more than a quarter of the heap (for a huge configured window).
     */
    static long maxQueuedBytes(IntakeLane lane, HubConfig config) {
        long window = (long) lane.receiveMaximum(config) * MqttIngestClient.MAX_PACKET_BYTES;
        return Math.min(window, Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR);
    }

    /** Starts the writers, then connects and subscribes every session; blocks (call off the event loop). */
    public void start() throws MqttException {
        pipelines.forEach(IngestPipeline::start);
        // The alarm session first: a hub that is up is never one whose fire alarms wait.
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).start();
        }
    }

    /** Messages waiting in the pipelines' queues, over all lanes. */
    public int backlog() {
        return pipelines.stream().mapToInt(IngestPipeline::backlog).sum();
    }

    /** True while every session is connected. */
    public boolean isConnected() {
        return clients.stream().allMatch(MqttIngestClient::isConnected);
    }

    @Override
    public void close() {
        clients.forEach(MqttIngestClient::stopTaking);
        pipelines.forEach(IngestPipeline::close);
        clients.forEach(MqttIngestClient::close);
    }
}
