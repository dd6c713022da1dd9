package org.communityhub.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The hub's whole configuration, validated once at start ({@link HubConfigLoader}). Immutable.
 * {@link #toString()} never shows a secret.
 *
 * @param instanceId       this gateway instance's fixed MQTT client id suffix (several instances: distinct ids)
 * @param mqttShareGroup   the shared-subscription group that splits the event stream between instances
 * @param ingestWorkers    writer threads (each with its own bounded queue and database connection)
 * @param receiveMaximum   unacknowledged messages the broker may send at once (the backpressure window)
 * @param heartbeatTimeout a device silent for longer is marked offline
 * @param escalateAfter    an unacknowledged critical alert is re-sent and escalated after this
 * @param mqttSessionExpiry  how long the broker keeps this instance's session (and its backlog) while it is away
 * @param passwordIterations PBKDF2 iterations for new password hashes
 * @param streamMaxConnections stream WebSocket connections (upgrades in progress included) served at once; more get 503
 * @param retention        how long each class of events is kept
 * @param tiles            the basemap the page offers
 * @param streamMaxPerUser stream connections one login may hold at once (per instance); more get 429
 * @param metricsToken     when set, {@code /metrics} also answers other than direct loopback peers presenting it
 */
public record HubConfig(int httpPort, String dbUrl, String dbUser, Secret dbPassword, String mqttUrl, String mqttUser,
                        Secret mqttPassword, Path dataDir, boolean demo, String instanceId, String mqttShareGroup,
                        int dbPoolSize, int ingestWorkers, int batchMax, int receiveMaximum, Duration heartbeatTimeout,
                        Duration escalateAfter, Duration correlationWindow, Duration heldOpenThreshold,
                        Duration tokenLifetime, int maxBodyBytes, Duration mqttSessionExpiry, int passwordIterations,
                        int streamMaxConnections, Retention retention, Tiles tiles,
                        int streamMaxPerUser, Secret metricsToken) {

    /** Retention per event class. */
    public record Retention(Duration access, Duration alarm, Duration technical) {
    }

    /**
     * The basemap offered to the page.
     *
     * @param datum {@code wgs84} or {@code gcj02}: the page shifts overlays onto a GCJ-02 basemap
     */
    public record Tiles(String name, String url, String attribution, String datum, int maxZoom) {
    }

    /** A secret value: compared and used, never printed. */
    public record Secret(String value) {
        public boolean isPresent() {
            return value != null && !value.isEmpty();
        }

        @Override
        public String toString() {
            return isPresent() ? "******" : "(none)";
        }
    }

    @Override
    public String toString() {
        String db = dbUrl == null ? null : dbUrl.replaceAll("\\?.*$", "?…");
        return "HubConfig[httpPort=" + httpPort + ", db=" + db + " as " + dbUser + ", mqtt=" + mqttUrl + " as "
                + mqttUser + ", instance=" + instanceId + ", demo=" + demo + ", workers=" + ingestWorkers
                + ", batchMax=" + batchMax + ", receiveMaximum=" + receiveMaximum + ", streamMaxConnections="
                + streamMaxConnections + ", streamMaxPerUser=" + streamMaxPerUser + ", metricsToken=" + metricsToken + "]";
    }
}
