package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.communityhub.gateway.testing.PrivateServices;
import org.communityhub.gateway.testing.TimescaleDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state right after installing TimescaleDB's package: installed, not preloaded. On a cluster of
 * its own (the launcher's {@code pg_up} in a scratch data folder, its preload line then removed as in
 * a cluster initialised before TimescaleDB was installed), the packaged {@code hub.jar migrate}:
 * {@code auto} makes native partitions and says why in one log line, {@code timescaledb} fails fast
 * with the fix. Then {@code pg_up} adds the preload line once, restarts the running cluster, and a
 * new database gets a hypertable under {@code auto}. Needs TimescaleDB installed (else skipped with a
 * printed line). About 15 s: a cluster is initialised.
 */
class TimescalePreloadIT {

    private static final String MARK = "Community Hub: TimescaleDB is installed";

    private static Path dir;
    private static String url;
    private static String password;

    @BeforeAll
    static void cluster() throws Exception {
        TimescaleDb.assumeInstalled("TimescalePreloadIT");
        dir = Files.createTempDirectory("hub-tsdb-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        password = UUID.randomUUID().toString().replace("-", "");
        int port = freePort();
        Files.writeString(dir.resolve("state.env"), "PG_PORT=" + port + "\nMQTT_PORT=" + freePort()
                + "\nDB_PASSWORD=" + password + "\nMQTT_PASSWORD=unused\n");
        PrivateServices.bash(dir, "load_state; pg_up");
        url = "jdbc:postgresql://127.0.0.1:" + port + "/";
        // As a cluster initialised before TimescaleDB was installed: no preload line, started so.
        PrivateServices.bash(dir, "load_state; PG_HOME=$(service_home pg postgres); "
                + "run_as postgres sed -i \"/$PG_PRELOAD_MARK/d\" \"$PG_HOME/data/postgresql.conf\"; "
                + "run_as postgres \"$(pg_bindir)/pg_ctl\" -D \"$PG_HOME/data\" -l \"$PG_HOME/postgres.log\" -w -m fast "
                + "-o \"-p $PG_PORT -k $PG_HOME/run\" restart >/dev/null");
    }

    @AfterAll
    static void stop() throws IOException {
        if (dir != null) {
            PrivateServices.bash(dir, "services_down >/dev/null");
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void notPreloadedGivesNativeWithOneLineThenPgUpPreloadsAndANewDatabaseGetsAHypertable() throws Exception {
        assertThat(query("hub", "SELECT count(*) FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time'"))
                .as("not preloaded").containsExactly("0");

        Result strict = migrate("hub", "timescaledb");
        assertThat(strict.code()).as(strict.output()).isEqualTo(1);
        assertThat(strict.output()).contains("hub: HUB_EVENT_STORE=timescaledb, but TimescaleDB is installed but not "
                + "preloaded: add shared_preload_libraries = 'timescaledb' to postgresql.conf");

        Result auto = migrate("hub", "auto");
        assertThat(auto.code()).as(auto.output()).isZero();
        List<String> lines = auto.output().lines().filter(l -> l.contains("event store")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("WARN").contains("event store: native daily partitions (HUB_EVENT_STORE=auto: "
                + "TimescaleDB is installed but not preloaded: add shared_preload_libraries = 'timescaledb'");
        assertThat(query("hub", "SELECT relkind::text FROM pg_class WHERE oid = 'event'::regclass")).containsExactly("p");
        assertThat(query("hub", "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")).containsExactly("0");

        String started = query("hub", "SELECT pg_postmaster_start_time()::text").get(0);
        PrivateServices.bash(dir, "load_state; pg_up");
        assertThat(preloadLines()).as("added once").isEqualTo(1);
        assertThat(query("hub", "SELECT pg_postmaster_start_time()::text").get(0)).as("restarted").isNotEqualTo(started);
        assertThat(query("hub", "SELECT count(*) FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time'"))
                .containsExactly("1");
        String restarted = query("hub", "SELECT pg_postmaster_start_time()::text").get(0);
        PrivateServices.bash(dir, "load_state; pg_up");
        assertThat(preloadLines()).as("idempotent").isEqualTo(1);
        assertThat(query("hub", "SELECT pg_postmaster_start_time()::text").get(0)).as("no needless restart")
                .isEqualTo(restarted);

        // The runtime role may not create databases: the cluster's superuser does, for hub.
        PrivateServices.bash(dir, "load_state; PG_HOME=$(service_home pg postgres); pg_psql -d postgres -c \"$2\"",
                "CREATE DATABASE fresh TEMPLATE hub_template OWNER hub");
        Result fresh = migrate("fresh", "auto");
        assertThat(fresh.code()).as(fresh.output()).isZero();
        assertThat(fresh.output()).contains("event store: TimescaleDB hypertable (daily chunks) (HUB_EVENT_STORE=auto: "
                + "TimescaleDB is preloaded and role hub may create its extension)");
        assertThat(query("fresh", "SELECT hypertable_name::text FROM timescaledb_information.hypertables"))
                .containsExactly("event");
    }

    private static long preloadLines() throws IOException {
        Path conf = dir.resolve("pg/data/postgresql.conf");
        return Files.readAllLines(conf).stream().filter(l -> l.startsWith("shared_preload_libraries") && l.contains(MARK))
                .count();
    }

    record Result(int code, String output) {
    }

    private static Result migrate(String database, String eventStore) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", Path.of("target/hub.jar").toString(), "migrate")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("HUB_"));
        env.put("HUB_DB_URL", url + database);
        env.put("HUB_DB_USER", "hub");
        env.put("HUB_DB_PASSWORD", password);
        env.put("HUB_EVENT_STORE", eventStore);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hub migrate did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    private static List<String> query(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url + database, "hub", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
