package org.communityhub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.contract.CaseCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration from HUB_* variables over an optional properties file; every problem in one message. */
class HubConfigLoaderTest {

    private static final String DB_SECRET = "db-Secret-7Q2x";
    private static final String MQTT_SECRET = "mqtt-Secret-9Kp4";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub");
        env.put("HUB_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("HUB_DB_PASSWORD", DB_SECRET);
        env.put("HUB_MQTT_PASSWORD", MQTT_SECRET);
        return env;
    }

    @Test
    void appliesTheDocumentedDefaults() {
        HubConfig c = HubConfigLoader.load(minimal(), false);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dbUser()).isEqualTo("hub");
        assertThat(c.mqttUser()).as("service logins have a dot, device codes cannot").isEqualTo("hub.gateway");
        assertThat(c.dataDir()).isEqualTo(Path.of(".hub"));
        assertThat(c.demo()).isFalse();
        assertThat(c.instanceId()).isEqualTo("gw1");
        assertThat(c.ingestWorkers()).isEqualTo(2);
        assertThat(c.batchMax()).isEqualTo(500);
        assertThat(c.heldOpenThreshold()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.correlationWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(c.retention().access()).isEqualTo(Duration.ofDays(30));
        assertThat(c.retention().alarm()).isEqualTo(Duration.ofDays(365));
        assertThat(c.tiles().datum()).isEqualTo("wgs84");
        assertThat(c.streamMaxConnections()).isEqualTo(2000);
        assertThat(c.dbPassword().value()).isEqualTo(DB_SECRET);
        assertThat(c.mqttPassword().value()).isEqualTo(MQTT_SECRET);
    }

    @Test
    void readsEveryVariableItIsGiven() {
        Map<String, String> env = minimal();
        env.put("HUB_HTTP_PORT", " 9090 ");
        env.put("HUB_DB_USER", "ops");
        env.put("HUB_DATA_DIR", "/var/lib/hub");
        env.put("HUB_HELD_OPEN_THRESHOLD_SECONDS", "300");
        env.put("HUB_TILE_DATUM", "gcj02");
        env.put("HUB_STREAM_MAX_CONNECTIONS", "200");
        HubConfig c = HubConfigLoader.load(env, false);
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.dbUser()).isEqualTo("ops");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/hub"));
        assertThat(c.heldOpenThreshold()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.tiles().datum()).isEqualTo("gcj02");
        assertThat(c.streamMaxConnections()).isEqualTo(200);
    }

    @Test
    void reportsEveryProblemTogetherInOneMessage() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_HTTP_PORT", "eighty");
        env.put("HUB_DB_URL", "mysql://db/hub");
        env.put("HUB_MQTT_URL", "mqtt://broker");
        env.put("HUB_INGEST_WORKERS", "0");
        env.put("HUB_TILE_DATUM", "bd09");
        env.put("HUB_INSTANCE_ID", "gw 1!");
        env.put("HUB_STREAM_MAX_CONNECTIONS", "0");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid configuration: ")
                .hasMessageContaining("HUB_HTTP_PORT must be a whole number, not 'eighty'")
                .hasMessageContaining("HUB_DB_URL must start with jdbc:postgresql://")
                .hasMessageContaining("HUB_MQTT_URL must look like")
                .hasMessageContaining("HUB_INGEST_WORKERS must be between 1 and 32, not 0")
                .hasMessageContaining("HUB_TILE_DATUM")
                .hasMessageContaining("HUB_INSTANCE_ID")
                .hasMessageContaining("HUB_STREAM_MAX_CONNECTIONS must be between 1 and 100000, not 0")
                .hasMessageContaining("HUB_DB_PASSWORD is required")
                .hasMessageContaining("HUB_MQTT_PASSWORD is required")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesMissingUrls() {
        Map<String, String> env = minimal();
        env.remove("HUB_DB_URL");
        env.put("HUB_MQTT_URL", "  ");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .hasMessageContaining("HUB_DB_URL is not set").hasMessageContaining("HUB_MQTT_URL is not set");
    }

    @Test
    void refusesMissingSecretsOutsideDemoMode() {
        Map<String, String> env = minimal();
        env.remove("HUB_DB_PASSWORD");
        env.put("HUB_MQTT_PASSWORD", "");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HUB_DB_PASSWORD").hasMessageContaining("HUB_MQTT_PASSWORD");
    }

    @Test
    void acceptsMissingSecretsInDemoMode() {
        Map<String, String> env = minimal();
        env.remove("HUB_DB_PASSWORD");
        env.remove("HUB_MQTT_PASSWORD");
        HubConfig c = HubConfigLoader.load(env, true);
        assertThat(c.demo()).isTrue();
        assertThat(c.dbPassword().isPresent()).isFalse();
        assertThat(c.mqttPassword().isPresent()).isFalse();
    }

    @Test
    void neverShowsASecretInToString() {
        HubConfig c = HubConfigLoader.load(minimal(), false);
        assertThat(c.toString()).doesNotContain(DB_SECRET).doesNotContain(MQTT_SECRET).contains("127.0.0.1:1883");
        assertThat(c.dbPassword().toString()).isEqualTo("******");
        assertThat(c.retention().toString() + c.tiles()).doesNotContain(DB_SECRET);
    }

    @Test
    void neverShowsASecretInTheErrorMessage() {
        Map<String, String> env = minimal();
        env.put("HUB_DB_URL", "postgres://db/hub");
        env.put("HUB_HTTP_PORT", "99999");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .hasMessageContaining("HUB_HTTP_PORT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DB_SECRET).doesNotContain(MQTT_SECRET));
    }

    @Test
    void readsTheConfigFileAndLetsVariablesWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hub.properties");
        Files.writeString(file, String.join("\n",
                "# operator settings",
                "HUB_HTTP_PORT=8181",
                "HUB_DB_USER=from-file",
                "HUB_DB_PASSWORD=file-secret",
                "HUB_TILE_NAME=高德",
                "HUB_CORRELATION_WINDOW_SECONDS=30", ""), StandardCharsets.UTF_8);
        Map<String, String> env = minimal();
        env.put("HUB_CONFIG_FILE", file.toString());
        env.put("HUB_DB_USER", "from-env");
        HubConfig c = HubConfigLoader.load(env, false);
        assertThat(c.httpPort()).isEqualTo(8181);
        assertThat(c.correlationWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tiles().name()).isEqualTo("高德");
        assertThat(c.dbUser()).isEqualTo("from-env");
        assertThat(c.dbPassword().value()).isEqualTo(DB_SECRET);
    }

    @Test
    void aSecretMayComeFromTheConfigFileAlone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hub.properties");
        Files.writeString(file, "HUB_MQTT_PASSWORD=file-only-secret\n", StandardCharsets.UTF_8);
        Map<String, String> env = minimal();
        env.remove("HUB_MQTT_PASSWORD");
        env.put("HUB_CONFIG_FILE", file.toString());
        assertThat(HubConfigLoader.load(env, false).mqttPassword().value()).isEqualTo("file-only-secret");
    }

    @Test
    void aMissingConfigFileIsAClearError(@TempDir Path dir) {
        Map<String, String> env = minimal();
        env.put("HUB_CONFIG_FILE", dir.resolve("absent.properties").toString());
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HUB_CONFIG_FILE")
                .hasMessageContaining("absent.properties");
    }

    @Test
    void ignoresVariablesThatAreNotTheHubs() {
        Map<String, String> env = minimal();
        env.put("HTTP_PORT", "1");
        env.put("PATH", "/usr/bin");
        assertThat(HubConfigLoader.load(env, false).httpPort()).isEqualTo(8080);
    }

    @Test
    void toolsNeedTheDatabaseButNotTheBrokerLogin() {
        Map<String, String> env = minimal();
        env.remove("HUB_MQTT_URL");
        env.remove("HUB_MQTT_PASSWORD");
        assertThat(HubConfigLoader.forTools(env).dbPassword().value()).isEqualTo(DB_SECRET);
        env.remove("HUB_DB_PASSWORD");
        assertThatThrownBy(() -> HubConfigLoader.forTools(env)).hasMessageContaining("HUB_DB_PASSWORD");
    }

    @Test
    void eventStoreIsAutoUnlessChosenAndAnUnknownValueNamesTheVariable() {
        Map<String, String> env = minimal();
        assertThat(HubConfigLoader.load(env, false).eventStore()).isEqualTo(HubConfig.EventStore.AUTO);
        env.put("HUB_EVENT_STORE", " TimescaleDB ");
        assertThat(HubConfigLoader.load(env, false).eventStore()).isEqualTo(HubConfig.EventStore.TIMESCALEDB);
        env.put("HUB_EVENT_STORE", "native");
        assertThat(HubConfigLoader.load(env, false).eventStore()).isEqualTo(HubConfig.EventStore.NATIVE);
        env.put("HUB_EVENT_STORE", "hypertable");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HUB_EVENT_STORE must be auto, timescaledb or native, not 'hypertable'");
    }

    @Test
    void publicReadsGetTheirOwnSmallPoolAndShortStatementTimeout() {
        HubConfig.Pools defaults = HubConfigLoader.load(minimal(), false).pools();
        assertThat(defaults.publicSize()).isEqualTo(4);
        assertThat(defaults.publicStatementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.statementTimeout()).isEqualTo(Duration.ofMinutes(5));
        Map<String, String> env = minimal();
        env.put("HUB_DB_PUBLIC_POOL_SIZE", "6");
        env.put("HUB_DB_PUBLIC_STATEMENT_TIMEOUT_SECONDS", "2");
        env.put("HUB_DB_STATEMENT_TIMEOUT_SECONDS", "60");
        HubConfig.Pools set = HubConfigLoader.load(env, false).pools();
        assertThat(set).isEqualTo(new HubConfig.Pools(6, Duration.ofSeconds(60), Duration.ofSeconds(2)));
        env.put("HUB_DB_PUBLIC_POOL_SIZE", "0");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_DB_PUBLIC_POOL_SIZE");
    }

    @Test
    void aReadReplicaIsOptionalAndTakesThePrimarysLoginUnlessItHasItsOwn() {
        assertThat(HubConfigLoader.load(minimal(), false).pools().readReplica()).isNull();
        Map<String, String> env = minimal();
        env.put("HUB_DB_READ_URL", "jdbc:postgresql://replica:5432/hub");
        HubConfig.ReadReplica r = HubConfigLoader.load(env, false).pools().readReplica();
        assertThat(r.url()).isEqualTo("jdbc:postgresql://replica:5432/hub");
        assertThat(r.user()).isEqualTo(HubConfigLoader.load(env, false).dbUser());
        assertThat(r.password().value()).isEqualTo(HubConfigLoader.load(env, false).dbPassword().value());
        assertThat(r.maxLag()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.toString()).doesNotContain(r.password().value());
        env.put("HUB_DB_READ_USER", "reader");
        env.put("HUB_DB_READ_PASSWORD", "reader-secret");
        env.put("HUB_DB_READ_MAX_LAG_SECONDS", "5");
        r = HubConfigLoader.load(env, false).pools().readReplica();
        assertThat(r.user()).isEqualTo("reader");
        assertThat(r.password().value()).isEqualTo("reader-secret");
        assertThat(r.maxLag()).isEqualTo(Duration.ofSeconds(5));
        env.put("HUB_DB_READ_URL", "postgres://replica/hub");
        env.put("HUB_DB_READ_MAX_LAG_SECONDS", "0");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_DB_READ_URL must start with")
                .hasMessageContaining("HUB_DB_READ_MAX_LAG_SECONDS");
    }

    @Test
    void trustsNoProxyByDefaultAndNamesABadEntry() {
        assertThat(HubConfigLoader.load(minimal(), false).trustedProxies().isEmpty()).isTrue();
        Map<String, String> env = minimal();
        env.put("HUB_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
        assertThat(HubConfigLoader.load(env, false).trustedProxies().trusts("10.2.3.4")).isTrue();
        env.put("HUB_TRUSTED_PROXIES", "127.0.0.1, proxy.example");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .hasMessageContaining("HUB_TRUSTED_PROXIES").hasMessageContaining("proxy.example");
    }

    @Test
    void streamsPerLoginAndTheMetricsToken() {
        HubConfig defaults = HubConfigLoader.load(minimal(), false);
        assertThat(defaults.streamMaxPerUser()).isEqualTo(10);
        assertThat(defaults.metricsToken().isPresent()).isFalse();
        Map<String, String> env = minimal();
        env.put("HUB_STREAM_MAX_PER_USER", "3");
        env.put("HUB_METRICS_TOKEN", "scrape-me-0123456789");
        HubConfig c = HubConfigLoader.load(env, false);
        assertThat(c.streamMaxPerUser()).isEqualTo(3);
        assertThat(c.metricsToken().value()).isEqualTo("scrape-me-0123456789");
        assertThat(c.toString()).doesNotContain("scrape-me");
        env.put("HUB_STREAM_MAX_PER_USER", "0");
        env.put("HUB_METRICS_TOKEN", "short");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_STREAM_MAX_PER_USER")
                .hasMessageContaining("HUB_METRICS_TOKEN must have at least 16 characters");
    }

    @Test
    void caseTimeLimitsAndTheDigestTimeKeepTheirDefaultsUnlessGiven() {
        HubConfig.Cases defaults = HubConfigLoader.load(minimal(), false).cases();
        assertThat(defaults.limits()).isEmpty();
        assertThat(defaults.digestAt()).isEqualTo(LocalTime.of(8, 0));
        assertThat(defaults.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(defaults.photoThreads()).isEqualTo(2);
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        assertThat(defaults.uploads()).isEqualTo((int) Math.max(2, Math.min(32, quarter / HubConfig.Cases.UPLOAD_BYTES)));
        Map<String, String> env = minimal();
        env.put("HUB_CASE_DEADLINE_HOURS", " environment=24, facility_damage = 96 ,");
        env.put("HUB_CASE_PHOTO_THREADS", "3");
        env.put("HUB_CASE_UPLOADS_MAX", "9");
        env.put("HUB_CASE_DIGEST_TIME", "7:30");
        env.put("HUB_CASE_DIGEST_ZONE", "Asia/Urumqi");
        HubConfig.Cases c = HubConfigLoader.load(env, false).cases();
        assertThat(c.limits()).containsOnly(Map.entry(CaseCategory.ENVIRONMENT, Duration.ofHours(24)),
                Map.entry(CaseCategory.FACILITY_DAMAGE, Duration.ofHours(96)));
        assertThat(c.digestAt()).isEqualTo(LocalTime.of(7, 30));
        assertThat(c.zone()).as("the older name").isEqualTo(ZoneId.of("Asia/Urumqi"));
        env.put("HUB_CASE_ZONE", "Asia/Hong_Kong");
        assertThat(HubConfigLoader.load(env, false).cases().zone()).as("HUB_CASE_ZONE wins")
                .isEqualTo(ZoneId.of("Asia/Hong_Kong"));
        assertThat(c.photoThreads()).isEqualTo(3);
        assertThat(c.uploads()).isEqualTo(9);
    }

    @Test
    void aBadTimeLimitRefusesTheStartInOneLineNamingTheVariableAndTheEntry() {
        for (String bad : List.of("environment=0", "environment=721", "environment=24h", "rubbish=5", "noise",
                "noise=5,noise=6")) {
            Map<String, String> env = minimal();
            env.put("HUB_CASE_DEADLINE_HOURS", "fire_safety=12," + bad);
            String entry = bad.startsWith("noise=5,") ? "noise=6" : bad;
            assertThatThrownBy(() -> HubConfigLoader.load(env, false)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("HUB_CASE_DEADLINE_HOURS: bad entry '" + entry + "'")
                    .hasMessageNotContaining("fire_safety=12'").message().doesNotContain("\n");
        }
        Map<String, String> env = minimal();
        env.put("HUB_CASE_DIGEST_TIME", "25:00");
        env.put("HUB_CASE_DIGEST_ZONE", "Mars/Olympus");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_CASE_DIGEST_TIME")
                .hasMessageContaining("'25:00'").hasMessageContaining("HUB_CASE_DIGEST_ZONE")
                .hasMessageContaining("'Mars/Olympus'");
        env.remove("HUB_CASE_DIGEST_ZONE");
        env.put("HUB_CASE_ZONE", "Venus/Maxwell");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_CASE_ZONE")
                .hasMessageContaining("'Venus/Maxwell'");
    }

    @Test
    void respondersDefaultsAndTheirProblemsNameTheVariable() {
        HubConfig.Responders d = HubConfigLoader.load(minimal(), false).responders();
        assertThat(d.fireConfirm()).isEqualTo(Duration.ofSeconds(180));
        assertThat(d.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(d.retryBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.retryCap()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.attempts()).isEqualTo(12);
        Map<String, String> env = minimal();
        env.put("HUB_FIRE_CONFIRM_SECONDS", "60");
        env.put("HUB_PUBLIC_URL", "https://hub.example.cn/console");
        HubConfig.Responders r = HubConfigLoader.load(env, false).responders();
        assertThat(r.fireConfirm()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.publicUrl()).isEqualTo("https://hub.example.cn/console");
        env.put("HUB_PUBLIC_URL", "hub.example.cn");
        env.put("HUB_DELIVERY_RETRY_SECONDS", "60");
        env.put("HUB_DELIVERY_RETRY_MAX_SECONDS", "30");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false)).hasMessageContaining("HUB_PUBLIC_URL")
                .hasMessageContaining("HUB_DELIVERY_RETRY_MAX_SECONDS");
    }

    @Test
    void theOfflineBasemapIsAReadableFileWithADatum(@TempDir Path dir) throws IOException {
        assertThat(HubConfigLoader.load(minimal(), false).tiles().mbtiles()).as("none by default").isNull();
        Path file = Files.writeString(dir.resolve("d.mbtiles"), "checked when opened");
        Map<String, String> env = minimal();
        env.put("HUB_BASEMAP_MBTILES", file.toString());
        env.put("HUB_BASEMAP_DATUM", "gcj02");
        HubConfig c = HubConfigLoader.load(env, false);
        assertThat(c.tiles().mbtiles()).isEqualTo(file);
        assertThat(c.tiles().mbtilesDatum()).isEqualTo("gcj02");
        env.put("HUB_BASEMAP_MBTILES", dir.resolve("absent.mbtiles").toString());
        env.put("HUB_BASEMAP_DATUM", "bd09");
        assertThatThrownBy(() -> HubConfigLoader.load(env, false))
                .hasMessageContaining("HUB_BASEMAP_MBTILES: no readable file at '" + dir.resolve("absent.mbtiles") + "'")
                .hasMessageContaining("HUB_BASEMAP_DATUM must be wgs84 or gcj02");
    }
}
