package org.communityhub.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Installs logins into the private Mosquitto exactly as {@code ./hub device credentials} does: it
 * calls the launcher's own {@code broker_sync_device_credentials} (atomic replace of the password
 * and ACL files, one reload), so the tests exercise the real provisioning path. Each device may
 * publish only under its own community and type (the ACL lines the launcher renders).
 */
public final class BrokerLogins {

    private BrokerLogins() {
    }

    /**
     * The private broker's password, ACL and pid files as the launcher passes them to the hub: a hub started with these
     * settings owns the device logins (renders both files from its database and reloads the broker, issue 18).
     */
    public static Map<String, String> hubOwnedFiles() {
        Path mqtt = HubTestServices.dataDir().resolve("mqtt");
        return Map.of("HUB_MOSQUITTO_PASSWORD_FILE", mqtt.resolve("passwd").toString(),
                "HUB_MOSQUITTO_ACL_FILE", mqtt.resolve("acl").toString(),
                "HUB_MOSQUITTO_ACL_BASE", mqtt.resolve("acl.services").toString(),
                "HUB_MOSQUITTO_PID_FILE", mqtt.resolve("mosquitto.pid").toString());
    }

    /** One device login allowed to publish under {@code hub/v1/<community>/<type>/<username>/}. */
    public static void add(String username, String password, String community, String type) {
        addLines(List.of(line(username, password, community, type)));
    }

    /** What {@code ./hub device credentials --all} would install for these devices. */
    public static void addAll(Collection<DeviceCredentials> credentials) {
        addLines(credentials.stream().map(DeviceCredentials::line).toList());
    }

    /**
     * Waits until the broker takes the login of {@code line}: the launcher reloads Mosquitto with SIGHUP and returns,
     * and the broker re-reads its files on its next loop, so a device connecting at once could still be refused.
     */
    private static void awaitAccepted(String line) {
        String user = null;
        String password = null;
        for (String field : line.split(" ")) {
            if (field.startsWith("username=")) {
                user = field.substring(9);
            } else if (field.startsWith("password=")) {
                password = field.substring(9);
            }
        }
        if (user == null || password == null || HubTestServices.mqttUrl() == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            MqttClient probe = null;
            try {
                probe = new MqttClient(HubTestServices.mqttUrl(), "login-probe-" + System.nanoTime(), new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(user);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
                options.setCleanStart(true);
                options.setConnectionTimeout(5);
                probe.connect(options);
                probe.disconnect();
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not take the login " + user + ": " + e.getMessage(), e);
                }
                sleep(100);
            } finally {
                closeQuietly(probe);
            }
        }
    }

    private static void closeQuietly(MqttClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (MqttException e) {
                // a refused or finished probe: nothing to release
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A credentials line as {@code ./hub device credentials} prints it. */
    public static String line(String username, String password, String community, String type) {
        return "username=" + username + " password=" + password + " community=" + community + " type=" + type;
    }

    /** Installs credentials lines; fails with the launcher's message when it refuses one. */
    public static synchronized void addLines(List<String> lines) {
        Path dir = HubTestServices.dataDir();
        if (dir == null) {
            throw new IllegalStateException("HUB_DATA_DIR is unknown: run the tests with ./hub test");
        }
        try {
            Path file = Files.createTempFile("logins", ".txt");
            try {
                Files.writeString(file, String.join("\n", lines) + "\n");
                String out = launcher("broker_sync_device_credentials \"$2\"", file.toString());
                if (out != null) {
                    throw new IllegalStateException("installing broker logins failed: " + out);
                }
                awaitAccepted(lines.get(0));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("installing broker logins failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one function of {@code build/hub-services.sh} with {@code arg} as {@code $2}; null when it
     * succeeded, else its output.
     */
    public static String launcher(String script, String arg) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -e; source \"$1\"; " + script, "sync",
                    servicesScript().toString(), arg).redirectErrorStream(true);
            pb.environment().put("HUB_DATA_DIR", HubTestServices.dataDir().toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out: " + out;
            }
            return p.exitValue() == 0 ? null : out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run build/hub-services.sh: " + e.getMessage(), e);
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
