package org.communityhub.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.communityhub.contract.CaseCategory;

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
 * @param eventStore       how the event table is stored ({@code HUB_EVENT_STORE})
 * @param tiles            the basemap the page offers
 * @param pools            the database pools' sizes and statement timeouts
 * @param trustedProxies   reverse proxies whose {@code X-Forwarded-For} names the client ({@code HUB_TRUSTED_PROXIES})
 * @param streamMaxPerUser stream connections one login may hold at once (per instance); more get 429
 * @param metricsToken     when set, {@code /metrics} also answers other than direct loopback peers presenting it
 * @param cases            the cases' time limits and morning reminder ({@code HUB_CASE_*})
 * @param responders       the responders' channels and the fire procedure (issue 17)
 * @param devices          devices in the field: their broker URL, the Mosquitto files the hub renders, test mode
 * @param brokers          the brokers the gateway holds sessions on, and each community's ({@code HUB_MQTT_URL},
 *                         {@code HUB_MQTT_SHARDS}; issue 19)
 */
public record HubConfig(int httpPort, String dbUrl, String dbUser, Secret dbPassword, String mqttUrl, String mqttUser,
                        Secret mqttPassword, Path dataDir, boolean demo, String instanceId, String mqttShareGroup,
                        int dbPoolSize, int ingestWorkers, int batchMax, int receiveMaximum, Duration heartbeatTimeout,
                        Duration escalateAfter, Duration correlationWindow, Duration heldOpenThreshold,
                        Duration tokenLifetime, int maxBodyBytes, Duration mqttSessionExpiry, int passwordIterations,
                        int streamMaxConnections, Retention retention, EventStore eventStore, Tiles tiles,
                        Pools pools, TrustedProxies trustedProxies, int streamMaxPerUser,
                        Secret metricsToken, Cases cases, Responders responders,
                        Devices devices, MqttBrokers brokers) {

    /** The broker URL given to a device of {@code community} (its shard's, else {@code HUB_DEVICE_MQTT_URL}). */
    public String deviceMqttUrl(String community) {
        return brokers.deviceUrl(community, devices.mqttUrl());
    }

    /**
     * Devices in the field (issue 18).
     *
     * @param mqttUrl       the broker URL given to devices of the default broker's communities ({@code HUB_DEVICE_MQTT_URL},
     *                      default the first of {@code HUB_MQTT_URL}); a shard's devices get its first URI
     * @param mosquitto     the Mosquitto files the hub renders device logins into, or null (the broker is not the hub's to
     *                      configure)
     * @param testModeLimit test mode ends by itself after this ({@code HUB_TEST_MODE_HOURS}, default 2)
     */
    public record Devices(String mqttUrl, Mosquitto mosquitto, Duration testModeLimit) {
    }

    /**
     * A Mosquitto broker whose device logins the hub owns ({@code HUB_MOSQUITTO_*}): the hub rewrites its password
     * and ACL files from PostgreSQL and makes it reload them.
     *
     * @param passwordFile  its {@code password_file}: service logins (names with a dot) are kept, device logins replaced
     * @param aclFile       its {@code acl_file}: {@code aclBase} then one block per device
     * @param aclBase       the service rules put first in the ACL file, or null
     * @param pidFile       reload by SIGHUP to the pid in this file, or null
     * @param reloadCommand else reload by this shell command (e.g. {@code systemctl reload mosquitto})
     */
    public record Mosquitto(Path passwordFile, Path aclFile, Path aclBase, Path pidFile, String reloadCommand) {
    }

    /**
     * Cases (issue 16): the time limit (限时办结) per category ({@code HUB_CASE_DEADLINE_HOURS}; categories not
     * named keep their defaults) and when the morning digest (一天一提醒) goes out ({@code HUB_CASE_DIGEST_TIME}
     * in {@code HUB_CASE_ZONE}, formerly {@code HUB_CASE_DIGEST_ZONE}: also the zone of the case reports' weeks and
     * months), how many requests with photos one hub holds at once
     * ({@code HUB_CASE_UPLOADS_MAX}, in requests of the largest size, {@link #UPLOAD_BYTES} each: smaller ones
     * count by their body size; past it 503 {@code busy}), and the threads that re-encode photos
     * ({@code HUB_CASE_PHOTO_THREADS}, the {@code hub-photos} pool).
     */
    public record Cases(Map<CaseCategory, Duration> limits, LocalTime digestAt, ZoneId zone, int uploads,
                        int photoThreads) {

        /**
         * What one request with photos may hold at most, and the unit of {@code uploads}: three photos of 5 MiB as
         * received plus the form, with room for the copy handed to the sanitizer. The pixels being decoded are not
         * in it: they are bounded by the {@code hub-photos} threads (at most ~40 MB each), not by the requests.
         */
        public static final long UPLOAD_BYTES = 20L * 1024 * 1024;

        public Cases {
            limits = Map.copyOf(limits);
        }

        /**
         * The defaults: every category's own limit, 08:00 China Standard Time, uploads by the heap (a quarter of
         * it at {@link #UPLOAD_BYTES} a request, 2 to 32: 6 with {@code -Xmx512m}), two photo threads.
         */
        public static Cases defaults() {
            long quarter = Runtime.getRuntime().maxMemory() / 4;
            int uploads = (int) Math.max(2, Math.min(32, quarter / UPLOAD_BYTES));
            return new Cases(Map.of(), LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"), uploads, 2);
        }
    }

    /**
     * The fire procedure and the channels' deliveries.
     *
     * @param fireConfirm a fire alarm nobody confirmed (real or false) escalates after this ({@code HUB_FIRE_CONFIRM_SECONDS})
     * @param publicUrl   the hub's address as people reach it, for the links in messages ({@code HUB_PUBLIC_URL})
     * @param retryBase   the first wait after a failed delivery; each further one doubles ({@code HUB_DELIVERY_RETRY_SECONDS})
     * @param retryCap    the longest wait between attempts ({@code HUB_DELIVERY_RETRY_MAX_SECONDS})
     * @param attempts    attempts before a delivery has failed for good ({@code HUB_DELIVERY_ATTEMPTS})
     * @param publicUrlSet whether {@code HUB_PUBLIC_URL} was configured ({@code publicUrl} is otherwise
     *                    {@code http://localhost:PORT}, and links that must work elsewhere, like the grids' QR
     *                    codes, come from the request instead)
     */
    public record Responders(Duration fireConfirm, String publicUrl, Duration retryBase, Duration retryCap, int attempts,
                             boolean publicUrlSet) {
    }

    /**
     * The second database pool, for anonymous public reads (hierarchy, locate, nearest, OGC items,
     * tiles), and the statement timeouts of both pools; the main pool ({@code dbPoolSize}) serves
     * ingestion, alerts, escalation and logged-in routes and never waits for a public read.
     *
     * @param publicSize             connections of the public pool, and threads of its worker executor
     * @param statementTimeout       statements of the main pool are cancelled after this
     * @param publicStatementTimeout statements of the public pool are cancelled after this
     * @param readReplica            a streaming replica for the public reads ({@code HUB_DB_READ_*}), or null
     */
    public record Pools(int publicSize, Duration statementTimeout, Duration publicStatementTimeout,
                        ReadReplica readReplica) {

        /** Without a read replica. */
        public Pools(int publicSize, Duration statementTimeout, Duration publicStatementTimeout) {
            this(publicSize, statementTimeout, publicStatementTimeout, null);
        }
    }

    /**
     * A PostgreSQL streaming replica that answers the anonymous public reads while it is reachable, replaying, and
     * no further behind the primary than {@code maxLag} (issue 19; {@code HUB_DB_READ_URL}, {@code HUB_DB_READ_USER},
     * {@code HUB_DB_READ_PASSWORD}, {@code HUB_DB_READ_MAX_LAG_SECONDS}); else they go to the primary.
     * {@link #toString()} never shows the password.
     */
    public record ReadReplica(String url, String user, Secret password, Duration maxLag) {
    }

    /**
     * Retention per event class, and of the photos and contact numbers of closed or rejected cases ({@code cases},
     * from their closing; the case itself and its history stay).
     */
    public record Retention(Duration access, Duration alarm, Duration technical, Duration cases) {

        /** With the default case retention, 180 days. */
        public Retention(Duration access, Duration alarm, Duration technical) {
            this(access, alarm, technical, Duration.ofDays(180));
        }
    }

    /**
     * {@code HUB_EVENT_STORE}: a TimescaleDB hypertable, native daily range partitions, or
     * {@code AUTO} (a hypertable only when TimescaleDB is created or can really be created, else native).
     * It decides how the event table is created; an existing table keeps its kind.
     */
    public enum EventStore {
        AUTO, TIMESCALEDB, NATIVE
    }

    /**
     * The basemaps offered to the page: the hub's own MBTiles file first when there is one, then the tile server.
     *
     * @param datum        {@code wgs84} or {@code gcj02}: the page shifts overlays onto a GCJ-02 basemap
     * @param mbtiles      {@code HUB_BASEMAP_MBTILES}: an MBTiles file the hub serves at {@code /basemap/…}, or null
     * @param mbtilesDatum {@code HUB_BASEMAP_DATUM}: the datum that file's tiles are drawn in ({@code wgs84} or
     *                     {@code gcj02})
     */
    public record Tiles(String name, String url, String attribution, String datum, int maxZoom, Path mbtiles,
                        String mbtilesDatum) {
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
                + streamMaxConnections + ", streamMaxPerUser=" + streamMaxPerUser + ", trustedProxies=" + trustedProxies
                + ", metricsToken=" + metricsToken + "]";
    }
}
