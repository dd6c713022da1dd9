package org.communityhub.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.testing.HubTestServices;

/**
 * Stops and starts the private services the way an operator's failure would, through the
 * launcher's own functions ({@code build/hub-services.sh}), for fault tests.
 */
public final class PrivateServices {

    private PrivateServices() {
    }

    /** PostgreSQL immediate shutdown: no checkpoint, every connection cut (as a crash would). */
    public static void stopDatabaseImmediately() {
        bash("load_state; run_as postgres \"$(pg_bindir)\"/pg_ctl -D \"$HUB_DATA_DIR/pg/data\" -m immediate -w stop");
    }

    /** Starts the private PostgreSQL again (crash recovery), waiting until it accepts connections. */
    public static void startDatabase() {
        bash("load_state; pg_up");
    }

    /** Runs one SQL statement as the private cluster's superuser (roles, grants), printing psql's output. */
    public static String superuserSql(String database, String sql) {
        return bash(HubTestServices.dataDir(), "load_state; PG_HOME=$(service_home pg postgres); pg_psql -d \"$2\" -c \"$3\"",
                database, sql);
    }

    private static void bash(String script) {
        bash(HubTestServices.dataDir(), script);
    }

    /**
     * Runs {@code script} with {@code build/hub-services.sh} sourced and {@code HUB_DATA_DIR=dir};
     * {@code args} are {@code $2}, {@code $3}, …; returns the output, throws when it fails.
     */
    public static String bash(Path dir, String script, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("bash", "-c", "set -e; source \"$1\"; " + script, "services",
                    script().toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("HUB_DATA_DIR", dir.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("'" + script + "' failed: " + out);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("build/hub-services.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("build/hub-services.sh not found");
    }
}
