package org.communityhub.sim.testing;

import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.geo.testing.HubTestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Creates device logins in the private broker's password file ({@code mosquitto_passwd -b}, then
 * SIGHUP so the broker reloads it), as {@code ./hub device credentials} would. Test support only.
 */
public final class BrokerLogins {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerLogins() {
    }

    /** A fresh code suffix so runs do not collide: 6 hex digits. */
    public static String unique() {
        return HexFormat.of().formatHex(RANDOM.generateSeed(3));
    }

    /** Adds one device login with a random password and returns its credentials. */
    public static DeviceCredentials add(String code, String community, DeviceType type, String building, String compound) {
        String password = HexFormat.of().formatHex(RANDOM.generateSeed(12));
        // The launcher's own provisioning: an atomic replace of the password file and one reload.
        org.communityhub.gateway.testing.BrokerLogins.add(code, password, community, type.code());
        return new DeviceCredentials(code, password, community, type, building, compound);
    }

    /** Removes device logins (after a test class). */
    public static void remove(Iterable<DeviceCredentials> devices) {
        StringBuilder codes = new StringBuilder();
        for (DeviceCredentials d : devices) {
            codes.append(' ').append(d.code());
        }
        // The launcher's own removal: the login and its ACL lines, one reload.
        String out = org.communityhub.gateway.testing.BrokerLogins.launcher("broker_remove_device_logins $2", codes.toString());
        if (out != null) {
            throw new IllegalStateException("removing broker logins failed: " + out);
        }
    }

    /**
     * Makes the broker reload its password file, through the launcher's own {@code broker_reload}
     * (which signals only a pid that really is this checkout's broker).
     */
    public static void reload() {
        Path script = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && script == null; d = d.getParent()) {
            script = Files.isRegularFile(d.resolve("build/hub-services.sh")) ? d.resolve("build/hub-services.sh") : null;
        }
        if (script == null) {
            throw new IllegalStateException("build/hub-services.sh not found above " + Path.of("").toAbsolutePath());
        }
        run("bash", "-c", "set -e; export HUB_DATA_DIR=\"$2\"; source \"$1\"; broker_reload", "reload", script.toString(),
                HubTestServices.dataDir().toString());
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command[0], command.length > 1 ? command[1] : "") + " failed: "
                        + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
