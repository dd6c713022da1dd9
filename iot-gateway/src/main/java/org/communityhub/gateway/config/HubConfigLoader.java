package org.communityhub.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.communityhub.contract.CaseCategory;
import org.communityhub.gateway.cases.CaseWorkflow;
import org.communityhub.gateway.config.HubConfig.Retention;
import org.communityhub.gateway.config.HubConfig.Secret;
import org.communityhub.gateway.config.HubConfig.Tiles;

/**
 * Builds the {@link HubConfig} from {@code HUB_*} environment variables, over an optional
 * properties file named by {@code HUB_CONFIG_FILE} (same keys; variables win). Every problem is
 * collected and reported in one {@link ConfigException}; a missing secret outside demo mode is
 * one of them. Call once at start.
 */
public final class HubConfigLoader {

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    HubConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Loads from the process environment (and its config file, if any). */
    public static HubConfig fromEnvironment(boolean demo) {
        return load(System.getenv(), demo);
    }

    /** For one-shot tools (import, users, credentials): the database is needed, the broker login is not. */
    public static HubConfig forTools(Map<String, String> env) {
        Map<String, String> withBroker = new HashMap<>(env);
        withBroker.putIfAbsent("HUB_MQTT_URL", "tcp://127.0.0.1:1883");
        withBroker.putIfAbsent("HUB_MQTT_PASSWORD", "unused-by-tools");
        return load(withBroker, false);
    }

    public static HubConfig load(Map<String, String> env, boolean demo) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("HUB_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read HUB_CONFIG_FILE " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k)));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("HUB_")) {
                merged.put(k, v);
            }
        });
        return new HubConfigLoader(merged).build(demo);
    }

    private HubConfig build(boolean demo) {
        int httpPort = integer("HUB_HTTP_PORT", 8080, 0, 65535);
        String dbUrl = text("HUB_DB_URL", null);
        if (dbUrl == null) {
            problems.add("HUB_DB_URL is not set (./hub start sets it for the private cluster)");
        } else if (!dbUrl.startsWith("jdbc:postgresql://")) {
            problems.add("HUB_DB_URL must start with jdbc:postgresql://");
        }
        String mqttUrl = text("HUB_MQTT_URL", null);
        if (mqttUrl == null) {
            problems.add("HUB_MQTT_URL is not set (./hub start sets it for the private broker)");
        }
        MqttBrokers brokers = MqttBrokers.parse(mqttUrl, text("HUB_MQTT_SHARDS", null), problems);
        Secret dbPassword = new Secret(text("HUB_DB_PASSWORD", null));
        Secret mqttPassword = new Secret(text("HUB_MQTT_PASSWORD", null));
        if (!demo && !dbPassword.isPresent()) {
            problems.add("HUB_DB_PASSWORD is required outside demo mode (there is no default password)");
        }
        if (!demo && !mqttPassword.isPresent()) {
            problems.add("HUB_MQTT_PASSWORD is required outside demo mode (the broker refuses anonymous logins)");
        }
        Retention retention = new Retention(days("HUB_RETENTION_ACCESS_DAYS", 30), days("HUB_RETENTION_ALARM_DAYS", 365),
                days("HUB_RETENTION_TECHNICAL_DAYS", 30), days("HUB_RETENTION_CASE_DAYS", 180));
        Tiles tiles = new Tiles(text("HUB_TILE_NAME", "OpenStreetMap"),
                text("HUB_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
                text("HUB_TILE_ATTRIBUTION", "© OpenStreetMap contributors"), text("HUB_TILE_DATUM", "wgs84"),
                integer("HUB_TILE_MAX_ZOOM", 19, 1, 22), basemapFile(), text("HUB_BASEMAP_DATUM", "wgs84"));
        if (!tiles.datum().equals("wgs84") && !tiles.datum().equals("gcj02")) {
            problems.add("HUB_TILE_DATUM must be wgs84 or gcj02");
        }
        if (!tiles.mbtilesDatum().equals("wgs84") && !tiles.mbtilesDatum().equals("gcj02")) {
            problems.add("HUB_BASEMAP_DATUM must be wgs84 or gcj02");
        }
        TrustedProxies trustedProxies = TrustedProxies.none();
        try {
            trustedProxies = TrustedProxies.parse(text("HUB_TRUSTED_PROXIES", null));
        } catch (IllegalArgumentException e) {
            problems.add("HUB_TRUSTED_PROXIES: " + e.getMessage());
        }
        HubConfig config = new HubConfig(httpPort, dbUrl, text("HUB_DB_USER", "hub"), dbPassword, mqttUrl,
                text("HUB_MQTT_USER", "hub.gateway"), mqttPassword, Path.of(text("HUB_DATA_DIR", ".hub")), demo,
                text("HUB_INSTANCE_ID", "gw1"), text("HUB_MQTT_SHARE_GROUP", "hub"),
                integer("HUB_DB_POOL_SIZE", 16, 2, 200), integer("HUB_INGEST_WORKERS", 2, 1, 32),
                integer("HUB_BATCH_MAX", 500, 1, 10_000), integer("HUB_MQTT_RECEIVE_MAXIMUM", 4000, 1, 65_535),
                seconds("HUB_HEARTBEAT_TIMEOUT_SECONDS", 180), seconds("HUB_ESCALATE_AFTER_SECONDS", 60),
                seconds("HUB_CORRELATION_WINDOW_SECONDS", 600), seconds("HUB_HELD_OPEN_THRESHOLD_SECONDS", 120),
                seconds("HUB_TOKEN_LIFETIME_SECONDS", 8 * 3600), integer("HUB_MAX_BODY_BYTES", 1 << 20, 1024, 1 << 28),
                seconds("HUB_MQTT_SESSION_EXPIRY_SECONDS", 7 * 24 * 3600),
                integer("HUB_PASSWORD_ITERATIONS", 600_000, 1_000, 10_000_000),
                integer("HUB_STREAM_MAX_CONNECTIONS", 2000, 1, 100_000), retention, eventStore(), tiles, pools(),
                trustedProxies, integer("HUB_STREAM_MAX_PER_USER", 10, 1, 100_000),
                new Secret(text("HUB_METRICS_TOKEN", null)), cases(), responders(httpPort),
                devices(brokers == null ? null : brokers.fallback().uris().get(0)), brokers);
        if (!config.instanceId().matches("[A-Za-z0-9_-]{1,32}")) {
            problems.add("HUB_INSTANCE_ID must be 1–32 letters, digits, '_' or '-'");
        }
        if (config.metricsToken().isPresent() && config.metricsToken().value().length() < 16) {
            problems.add("HUB_METRICS_TOKEN must have at least 16 characters");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid configuration: " + String.join("; ", problems));
        }
        return config;
    }

    private HubConfig.Responders responders(int httpPort) {
        boolean publicUrlSet = text("HUB_PUBLIC_URL", null) != null;
        String publicUrl = text("HUB_PUBLIC_URL", "http://localhost:" + httpPort);
        if (!publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            problems.add("HUB_PUBLIC_URL must be an http:// or https:// address without query, e.g. https://hub.example.cn");
        }
        HubConfig.Responders r = new HubConfig.Responders(seconds("HUB_FIRE_CONFIRM_SECONDS", 180), publicUrl,
                seconds("HUB_DELIVERY_RETRY_SECONDS", 5), seconds("HUB_DELIVERY_RETRY_MAX_SECONDS", 600),
                integer("HUB_DELIVERY_ATTEMPTS", 12, 1, 1000), publicUrlSet);
        if (r.retryCap().compareTo(r.retryBase()) < 0) {
            problems.add("HUB_DELIVERY_RETRY_MAX_SECONDS must be at least HUB_DELIVERY_RETRY_SECONDS");
        }
        return r;
    }

    /** Issue 18: {@code HUB_DEVICE_MQTT_URL}, {@code HUB_MOSQUITTO_*}, {@code HUB_TEST_MODE_HOURS}. */
    private HubConfig.Devices devices(String mqttUrl) {
        String deviceUrl = text("HUB_DEVICE_MQTT_URL", mqttUrl);
        if (deviceUrl != null && !deviceUrl.matches("(tcp|ssl|mqtt|mqtts|ws|wss)://.+")) {
            problems.add("HUB_DEVICE_MQTT_URL must look like tcp://host:port or ssl://host:port");
        }
        String passwd = text("HUB_MOSQUITTO_PASSWORD_FILE", null);
        String acl = text("HUB_MOSQUITTO_ACL_FILE", null);
        String pid = text("HUB_MOSQUITTO_PID_FILE", null);
        String reload = text("HUB_MOSQUITTO_RELOAD_COMMAND", null);
        String base = text("HUB_MOSQUITTO_ACL_BASE", null);
        HubConfig.Mosquitto mosquitto = null;
        if (passwd != null || acl != null) {
            if (passwd == null || acl == null) {
                problems.add("HUB_MOSQUITTO_PASSWORD_FILE and HUB_MOSQUITTO_ACL_FILE go together (set both or neither)");
            } else if (pid == null && reload == null) {
                problems.add("HUB_MOSQUITTO_PASSWORD_FILE needs HUB_MOSQUITTO_PID_FILE or HUB_MOSQUITTO_RELOAD_COMMAND"
                        + " (how the hub makes the broker reload its files)");
            } else {
                mosquitto = new HubConfig.Mosquitto(Path.of(passwd), Path.of(acl), base == null ? null : Path.of(base),
                        pid == null ? null : Path.of(pid), reload);
            }
        }
        return new HubConfig.Devices(deviceUrl, mosquitto,
                Duration.ofHours(integer("HUB_TEST_MODE_HOURS", 2, 1, 24 * 30)));
    }

    /** {@code HUB_BASEMAP_MBTILES}: a readable file, or null (none); whether it is MBTiles is checked when it is opened. */
    private Path basemapFile() {
        String file = text("HUB_BASEMAP_MBTILES", null);
        if (file == null) {
            return null;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problems.add("HUB_BASEMAP_MBTILES: no readable file at '" + file + "'");
        }
        return path;
    }

    private HubConfig.Pools pools() {
        return new HubConfig.Pools(integer("HUB_DB_PUBLIC_POOL_SIZE", 4, 1, 64),
                seconds("HUB_DB_STATEMENT_TIMEOUT_SECONDS", 300),
                seconds("HUB_DB_PUBLIC_STATEMENT_TIMEOUT_SECONDS", 5), readReplica());
    }

    /** Issue 19: {@code HUB_DB_READ_URL} (none: no replica), its login (default the primary's), the lag bound. */
    private HubConfig.ReadReplica readReplica() {
        String url = text("HUB_DB_READ_URL", null);
        Duration maxLag = seconds("HUB_DB_READ_MAX_LAG_SECONDS", 30);
        if (url == null) {
            return null;
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            problems.add("HUB_DB_READ_URL must start with jdbc:postgresql://");
        }
        return new HubConfig.ReadReplica(url, text("HUB_DB_READ_USER", text("HUB_DB_USER", "hub")),
                new Secret(text("HUB_DB_READ_PASSWORD", text("HUB_DB_PASSWORD", null))), maxLag);
    }

    /**
     * {@code HUB_CASE_DEADLINE_HOURS} ("category=hours,…"), {@code HUB_CASE_DIGEST_TIME}, {@code HUB_CASE_ZONE} (the
     * cases' one time zone: the digest's day and the reports' weeks and months; {@code HUB_CASE_DIGEST_ZONE} is its
     * older name),
     * {@code HUB_CASE_UPLOADS_MAX}, {@code HUB_CASE_PHOTO_THREADS}.
     */
    private HubConfig.Cases cases() {
        HubConfig.Cases defaults = HubConfig.Cases.defaults();
        Map<CaseCategory, Duration> limits = new EnumMap<>(CaseCategory.class);
        String spec = text("HUB_CASE_DEADLINE_HOURS", "");
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            Optional<CaseCategory> category = CaseCategory.fromCode(kv[0].strip());
            String hours = kv.length == 2 ? kv[1].strip() : "";
            long max = CaseWorkflow.MAX_LIMIT.toHours();
            if (category.isEmpty() || !hours.matches("[0-9]{1,4}") || Integer.parseInt(hours) < 1
                    || Integer.parseInt(hours) > max || limits.containsKey(category.get())) {
                problems.add("HUB_CASE_DEADLINE_HOURS: bad entry '" + entry.strip() + "' (want category=hours, hours 1–"
                        + max + ", each category once; categories: " + Arrays.stream(CaseCategory.values())
                        .map(CaseCategory::code).collect(Collectors.joining(", ")) + ")");
                continue;
            }
            limits.put(category.get(), Duration.ofHours(Integer.parseInt(hours)));
        }
        LocalTime at = defaults.digestAt();
        String time = text("HUB_CASE_DIGEST_TIME", null);
        if (time != null) {
            try {
                at = LocalTime.parse(time.length() == 4 ? "0" + time : time);
            } catch (DateTimeParseException e) {
                problems.add("HUB_CASE_DIGEST_TIME must be a local time HH:MM, not '" + time + "'");
            }
        }
        ZoneId zone = defaults.zone();
        String zoneName = text("HUB_CASE_ZONE", null) != null ? "HUB_CASE_ZONE" : "HUB_CASE_DIGEST_ZONE";
        String zoneText = text(zoneName, null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add(zoneName + " must be a time zone such as Asia/Shanghai, not '" + zoneText + "'");
            }
        }
        int uploads = integer("HUB_CASE_UPLOADS_MAX", defaults.uploads(), 1, 1000);
        int photoThreads = integer("HUB_CASE_PHOTO_THREADS", defaults.photoThreads(), 1, 64);
        return new HubConfig.Cases(limits, at, zone, uploads, photoThreads);
    }

    private String text(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private int integer(String key, int fallback, int min, int max) {
        String v = text(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problems.add(key + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, not '" + v + "'");
            return fallback;
        }
    }

    private HubConfig.EventStore eventStore() {
        String v = text("HUB_EVENT_STORE", "auto");
        try {
            return HubConfig.EventStore.valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("HUB_EVENT_STORE must be auto, timescaledb or native, not '" + v + "'");
            return HubConfig.EventStore.AUTO;
        }
    }

    private Duration seconds(String key, int fallback) {
        return Duration.ofSeconds(integer(key, fallback, 1, 365 * 24 * 3600));
    }

    private Duration days(String key, int fallback) {
        return Duration.ofDays(integer(key, fallback, 1, 3650));
    }
}
