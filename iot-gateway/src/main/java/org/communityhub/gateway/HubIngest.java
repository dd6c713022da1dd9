package org.communityhub.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.change.CommittedAlerts;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.event.EventValidator;
import org.communityhub.gateway.http.LatencyBuckets;
import org.communityhub.gateway.ingest.IngestMetrics;
import org.communityhub.gateway.ingest.IngestPipeline;
import org.communityhub.gateway.mqtt.JsonPayloadDecoder;
import org.communityhub.gateway.mqtt.MqttIntake;
import org.communityhub.gateway.postgis.PostgisDeviceDirectory;
import org.communityhub.gateway.postgis.PostgisIngestStore;

/**
 * Wiring of the ingest path: the device directory (cached, dropped on device notices), the store
 * that writes each batch in one transaction with the alerts it raises and hands them, committed, to
 * {@code committed} (connected to the stream by {@link HubHttp}), the counters, and the MQTT
 * intake (not started yet: {@link MqttIntake#start}). Building it costs nothing but objects; the
 * parts are thread-safe.
 */
record HubIngest(PostgisDeviceDirectory directory, PostgisIngestStore store, IngestMetrics metrics,
                 MqttIntake intake, CommittedAlerts committed) {

    static HubIngest wire(HubConfig config, DataSource ds, Clock clock) {
        PostgisDeviceDirectory directory = new PostgisDeviceDirectory(ds, clock);
        AlertPolicy policy = new AlertPolicy(config.heldOpenThreshold(), config.correlationWindow());
        CommittedAlerts committed = new CommittedAlerts();
        PostgisIngestStore store = new PostgisIngestStore(ds, policy, directory, clock, committed);
        // One Prometheus registry per hub (even several hubs in one JVM): Vert.x's meters join it too.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LatencyBuckets.apply(registry); // before any meter is registered
        IngestMetrics metrics = new IngestMetrics(registry);
        EventValidator validator = new EventValidator(directory, new JsonPayloadDecoder());
        return new HubIngest(directory, store, metrics,
                new MqttIntake(config, new IngestPipeline.Intake(validator, policy), store, metrics, clock), committed);
    }
}
