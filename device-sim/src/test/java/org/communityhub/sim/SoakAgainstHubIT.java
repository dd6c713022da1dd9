package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.gateway.testing.HubSessions;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.Measured;
import org.communityhub.geo.testing.TestDatabase;
import org.communityhub.sim.testing.HeapSampler;
import org.communityhub.sim.testing.HeapTrend;
import org.communityhub.sim.testing.SimRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8, the soak: a packaged hub in its own JVM ({@code -Xmx512m}) takes 200 events/s from 40
 * devices (the simulator's load mode, each device its own login) for 75 s, or for an hour in long
 * mode ({@code ./hub test --long}); {@code -Dhub.soak.minutes=M} sets any length. Verifies that every
 * published event id is stored exactly once (per device the ids 1..n, no gap, no duplicate, their sum
 * the number published) and that the hub's live heap, sampled from outside after a full GC, stays flat
 * after a warm-up: the end at most 16 MB above the start, the least-squares line rising at most 8 MB
 * over the window.
 */
class SoakAgainstHubIT {

    private static final int DEVICES = 40;
    private static final int RATE = 200;
    private static final double END_SLACK_MB = 16;
    private static final double TREND_LIMIT_MB = 8;

    @TempDir
    Path dir;

    /** How long the soak runs, when its heap window starts, and how often the heap is sampled. */
    record Plan(Duration duration, Duration warmUp, long sampleEverySeconds) {

        static Plan fromSystemProperties() {
            String minutes = System.getProperty("hub.soak.minutes", "");
            Duration d = !minutes.isBlank() ? Duration.ofSeconds(Math.round(Double.parseDouble(minutes) * 60))
                    : HubTestServices.longMode() ? Duration.ofMinutes(60) : Duration.ofSeconds(75);
            Duration warmUp = d.dividedBy(5).compareTo(Duration.ofMinutes(5)) < 0 ? d.dividedBy(5) : Duration.ofMinutes(5);
            return new Plan(d, warmUp, d.compareTo(Duration.ofMinutes(10)) >= 0 ? 15 : 5);
        }
    }

    @Test
    void twoHundredEventsPerSecondFromFortyDevicesAreAllStoredOnceAndTheHubHeapStaysFlat() throws Exception {
        Plan plan = Plan.fromSystemProperties();
        PrintStream console = System.out;
        console.printf("SoakAgainstHubIT: %d s at %d/s from %d devices, heap window after %d s, sampled every %d s%n",
                plan.duration().toSeconds(), RATE, DEVICES, plan.warmUp().toSeconds(), plan.sampleEverySeconds());
        try (TestDatabase db = TestDatabase.create(HubApplication.MIGRATIONS)) {
            DataSource ds = db.database().dataSource();
            Path credentials = provisionDevices(ds);
            Map<String, String> env = hubEnv(db);
            HubProcess hub = HubProcess.start(env, List.of("-Xmx512m"));
            try {
                soak(plan, hub, db, credentials, console);
            } finally {
                hub.close();
                HubSessions.end(env);
            }
        }
    }

    private void soak(Plan plan, HubProcess hub, TestDatabase db, Path credentials, PrintStream console)
            throws Exception {
        SimRun run;
        HeapTrend trend;
        List<String> samplerFailures;
        try (HeapSampler sampler = HeapSampler.start(hub.pid(), plan.sampleEverySeconds(), console)) {
            run = SimRun.run(Map.of("HUB_DB_PASSWORD", HubTestServices.dbPassword()), "load", "--json", "--quiet",
                    "--credentials", credentials.toString(), "--mqtt-url", HubTestServices.mqttUrl(),
                    "--rate", String.valueOf(RATE), "--devices", String.valueOf(DEVICES),
                    "--duration", plan.duration().toSeconds() + "s", "--drain", "120s",
                    "--db-url", db.jdbcUrl(), "--db-user", HubTestServices.dbUser());
            sampler.close();
            assertThat(hub.isAlive()).as("the hub survived the soak\n" + hub.lastOutput()).isTrue();
            sampler.sampleNow();
            List<HeapTrend.Sample> window = sampler.samplesFrom(plan.warmUp().toSeconds());
            samplerFailures = sampler.failures();
            long expected = (plan.duration().toSeconds() - plan.warmUp().toSeconds()) / plan.sampleEverySeconds();
            assertThat(window.size()).as("heap samples in the window, a quarter of the schedule at least on a busy "
                    + "machine (failures: %s)", samplerFailures).isGreaterThanOrEqualTo((int) Math.max(3, expected / 4));
            trend = HeapTrend.of(window);
        }
        JsonNode report = run.json();
        long published = report.path("sent").asLong();
        Stored stored = Stored.count(db.database().dataSource(), report.path("run_prefix").asText());
        console.printf("SoakAgainstHubIT: published %d, stored %d, lost %d, dup %d, gaps %d, devices %d, "
                        + "%.1f events/s over %d s%n", published, stored.distinct(), published - stored.distinct(),
                stored.rows() - stored.distinct(), stored.gaps(), stored.devices(),
                report.path("achieved_rate").asDouble(), plan.duration().toSeconds());
        console.println("SoakAgainstHubIT: heap " + trend.summary() + "; sampler failures " + samplerFailures.size());
        console.println("SoakAgainstHubIT: stored latency " + report.path("stored_latency_ms"));

        String context = "sim: " + run.out() + run.err() + "\n" + hub.lastOutput();
        assertThat(run.exitCode()).as(context).isZero();
        long planned = plan.duration().toSeconds() * RATE;
        assertThat(published).as("published about %d events", planned).isBetween(planned * 95 / 100, planned + 4);
        assertThat(report.path("acked").asLong()).as(context).isEqualTo(published);
        assertThat(report.path("failed").asLong() + report.path("refused").asLong() + report.path("skipped").asLong())
                .as(context).isZero();
        assertThat(stored.devices()).as("every device took part").isEqualTo(DEVICES);
        assertThat(stored.distinct()).as("lost: every published id stored").isEqualTo(published);
        assertThat(stored.rows()).as("duplicated: each id stored once").isEqualTo(published);
        assertThat(stored.gaps()).as("per device the ids 1..n, no gap").isZero();
        assertThat(stored.highest()).as("the ids published add up").isEqualTo(published);
        console.println("SoakAgainstHubIT: heap " + trend.summary());
        Measured.atMost("soak: end live heap above the start", trend.endMb() - trend.startMb(), END_SLACK_MB, "MB");
        Measured.atMost("soak: fitted live-heap rise over the window", trend.riseOverWindowMb(), TREND_LIMIT_MB, "MB");
    }

    /** A run's rows in the event table, counted per device: rows, distinct ids, the highest sequence number. */
    record Stored(long devices, long rows, long distinct, long highest) {

        long gaps() {
            return highest - distinct;
        }

        static Stored count(DataSource ds, String prefix) throws Exception {
            String sql = "SELECT count(*), coalesce(sum(n), 0), coalesce(sum(d), 0), coalesce(sum(m), 0) FROM ("
                    + "SELECT device_code, count(*) AS n, count(DISTINCT event_id) AS d, "
                    + "max(split_part(event_id, '-', 2)::bigint) AS m FROM event WHERE event_id LIKE ? "
                    + "GROUP BY device_code) AS per_device";
            try (var c = ds.getConnection(); var st = c.prepareStatement(sql)) {
                st.setString(1, prefix + "-%");
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }

    /** Imports 40 gates, installs their broker logins and writes their credentials file. */
    private Path provisionDevices(DataSource ds) throws Exception {
        try (InputStream in = HubProcess.class.getResourceAsStream("/fixtures/two-communities.geojson")) {
            assertThat(GeoImports.service(ds).importGeoJson(in, null).ok()).isTrue();
        }
        StringBuilder features = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < DEVICES; i++) {
            features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                    + "\"coordinates\":[").append(114.0511 + (i % 8) * 0.00015).append(',')
                    .append(22.5411 + (i / 8) * 0.00015).append("]},\"properties\":{\"layer\":\"device\",\"code\":\"soak-")
                    .append(i).append("\",\"name\":\"闸机 ").append(i).append("\",\"type\":\"gate\",\"compound\":\"ita-q1\"}}");
        }
        features.append("]}");
        var report = GeoImports.service(ds)
                .importGeoJson(new ByteArrayInputStream(features.toString().getBytes(StandardCharsets.UTF_8)), null);
        assertThat(report.ok()).as(report.render()).isTrue();
        PostgisDeviceCredentials creds = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds).getOrCreate(
                InstallationSecrets.DEVICE_KEY));
        StringBuilder lines = new StringBuilder();
        for (var c : creds.all()) {
            if (c.code().startsWith("soak-")) {
                lines.append(c.line()).append('\n');
            }
        }
        BrokerLogins.addAll(creds.all());
        return Files.writeString(dir.resolve("soak-credentials.txt"), lines);
    }

    private static Map<String, String> hubEnv(TestDatabase db) {
        String id = "soak-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = HubEnv.of(db.jdbcUrl(), id);
        env.put("HUB_MQTT_SESSION_EXPIRY_SECONDS", "120");
        return env;
    }
}
