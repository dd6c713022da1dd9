package org.communityhub.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.communityhub.geo.testing.HubTestServices;

/**
 * A real streaming replica of this checkout's private PostgreSQL cluster, for read-replica tests: a replication
 * login of its own, {@code pg_basebackup -R} over loopback TCP into a data folder under {@code target/}, started on
 * a free port (as the {@code postgres} user when root, through the launcher's own functions). Replay can be paused
 * and resumed, the server stopped and started. About 5 s to make (the whole cluster is copied). Not thread-safe.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([^?]+).*");
    private static final String HOME = "PG_HOME=$(service_home pg postgres); ";
    private static final String START = HOME + "run_as postgres \"$(pg_bindir)/pg_ctl\" -D \"$PG_HOME/data\" "
            + "-l \"$PG_HOME/postgres.log\" -w -t 60 -o \"-p $2 -k $PG_HOME/run -c shared_buffers=32MB\" start >/dev/null";

    private final Path dir;
    private final int port;
    private final String role;

    private StreamingReplica(Path dir, int port, String role) {
        this.dir = dir;
        this.port = port;
        this.role = role;
    }

    /** Copies the private cluster and starts the copy as its streaming replica. */
    public static StreamingReplica create() throws IOException {
        Matcher primary = URL.matcher(HubTestServices.dbUrl());
        if (!primary.matches()) {
            throw new IllegalStateException("unexpected HUB_DB_URL " + HubTestServices.dbUrl());
        }
        String role = "hub_replication_" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString().replace("-", "");
        PrivateServices.superuserSql("postgres", "CREATE ROLE " + role + " WITH REPLICATION LOGIN PASSWORD '" + password + "'");
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        // Enterable by the postgres user (the launcher's service_home then keeps the data here).
        Path dir = Files.createTempDirectory(target, "replica-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = freePort();
        StreamingReplica replica = new StreamingReplica(dir, port, role);
        try {
            PrivateServices.bash(dir, HOME + "run_as postgres mkdir -p \"$PG_HOME/run\"; "
                    + "run_as postgres env PGPASSWORD=\"$4\" \"$(pg_bindir)/pg_basebackup\" -h 127.0.0.1 -p \"$2\" -U \"$3\" "
                    + "-D \"$PG_HOME/data\" -R -X stream -c fast", primary.group(1), role, password);
            replica.start();
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    /** The JDBC URL of {@code primaryUrl}'s database on this replica. */
    public String urlOf(String primaryUrl) {
        Matcher m = URL.matcher(primaryUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(primaryUrl);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + m.group(2);
    }

    /** Stops replaying WAL (queries still answer, with what was replayed) and waits until it has stopped. */
    public void pauseReplay() {
        sql("SELECT pg_wal_replay_pause()");
        HubFixture.await(java.time.Duration.ofSeconds(30), "replay paused",
                () -> sql("SELECT pg_get_wal_replay_pause_state()").strip().equals("paused"));
    }

    public void resumeReplay() {
        sql("SELECT pg_wal_replay_resume()");
    }

    /** Fast shutdown: every connection to it is cut. */
    public void stop() {
        PrivateServices.bash(dir, HOME + "run_as postgres \"$(pg_bindir)/pg_ctl\" -D \"$PG_HOME/data\" -m fast -w stop "
                + ">/dev/null");
    }

    public void start() {
        PrivateServices.bash(dir, START, String.valueOf(port));
    }

    private String sql(String sql) {
        return PrivateServices.bash(dir, HOME + "run_as postgres \"$(pg_bindir)/psql\" -h \"$PG_HOME/run\" -p \"$2\" -U postgres "
                + "-d postgres -qAt -c \"$3\"", String.valueOf(port), sql);
    }

    /** Stops the replica, deletes its folder and the replication login. */
    @Override
    public void close() throws IOException {
        try {
            PrivateServices.bash(dir, HOME + "if [[ -f \"$PG_HOME/data/postmaster.pid\" ]]; then run_as postgres "
                    + "\"$(pg_bindir)/pg_ctl\" -D \"$PG_HOME/data\" -m immediate -w stop >/dev/null; fi");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            PrivateServices.superuserSql("postgres", "DROP ROLE " + role);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
