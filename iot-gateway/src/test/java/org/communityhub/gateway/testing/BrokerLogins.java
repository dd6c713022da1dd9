package org.communityhub.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.testing.HubTestServices;

/**
 * Adds logins to the private Mosquitto's password file, as {@code ./hub device credentials}
 * does, and makes the broker reload it (SIGHUP). The real broker checks them.
 */
public final class BrokerLogins {

    private BrokerLogins() {
    }

    public static synchronized void add(String username, String password) {
        Path dir = HubTestServices.dataDir();
        if (dir == null) {
            throw new IllegalStateException("HUB_DATA_DIR is unknown: run the tests with ./hub test");
        }
        Path passwd = dir.resolve("mqtt/passwd");
        run("mosquitto_passwd", "-b", passwd.toString(), username, password);
        try {
            String pid = Files.readString(dir.resolve("mqtt/mosquitto.pid")).strip();
            run("kill", "-HUP", pid);
        } catch (IOException e) {
            throw new IllegalStateException("the private broker is not running: " + e.getMessage(), e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
