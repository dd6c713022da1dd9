package org.communityhub.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.testing.HubTestServices;

/**
 * Installs logins into the private Mosquitto exactly as {@code ./hub device credentials} does: it
 * calls the launcher's own {@code broker_sync_device_credentials} (atomic replace of the password
 * file, one reload), so the tests exercise the real provisioning path.
 */
public final class BrokerLogins {

    private BrokerLogins() {
    }

    public static void add(String username, String password) {
        addAll(Map.of(username, password));
    }

    public static synchronized void addAll(Map<String, String> logins) {
        Path dir = HubTestServices.dataDir();
        if (dir == null) {
            throw new IllegalStateException("HUB_DATA_DIR is unknown: run the tests with ./hub test");
        }
        try {
            Path lines = Files.createTempFile("logins", ".txt");
            try {
                StringBuilder b = new StringBuilder();
                logins.forEach((u, p) -> b.append("username=").append(u).append(" password=").append(p).append('\n'));
                Files.writeString(lines, b);
                ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                        "set -e; source \"$1\"; broker_sync_device_credentials \"$2\"", "sync",
                        servicesScript().toString(), lines.toString()).redirectErrorStream(true);
                pb.environment().put("HUB_DATA_DIR", dir.toString());
                Process p = pb.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("installing broker logins failed: " + out);
                }
            } finally {
                Files.deleteIfExists(lines);
            }
        } catch (IOException e) {
            throw new IllegalStateException("installing broker logins failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path servicesScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path script = d.resolve("build/hub-services.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("build/hub-services.sh not found above " + Path.of("").toAbsolutePath());
    }
}
