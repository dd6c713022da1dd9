package org.communityhub.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.geo.testing.HubTestServices;

/**
 * A private Mosquitto broker of a test's own, made exactly like this checkout's private broker: the launcher's
 * {@code mqtt_up} ({@code build/hub-services.sh}) under a temporary {@code HUB_DATA_DIR} (same configuration,
 * persistence, {@code autosave_interval}, packet limit and the hub's service login with the private broker's
 * password), on a free loopback port. For tests with several brokers (issue 19's shards). Device logins go in
 * through the launcher's {@code broker_sync_device_credentials}. {@link #close} stops the broker (SIGTERM) and
 * removes its folder. Not thread-safe; blocking (each call runs the launcher or waits for the process).
 */
public final class MosquittoShard implements AutoCloseable {

    private final Path dir;
    private final int port;

    private MosquittoShard(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a new broker; {@code name} goes into its folder's name. */
    public static MosquittoShard start(String name) throws IOException {
        // Below /tmp (mode 1777), with mode 711: as root the broker runs as the mosquitto user, which must reach its folder.
        Path dir = Files.createTempDirectory("hub-shard-" + name + "-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("state.env"), "PG_PORT=1\nMQTT_PORT=" + port + "\nDB_PASSWORD=unused\nMQTT_PASSWORD="
                + HubTestServices.mqttPassword() + "\nDB_ADMIN_PASSWORD=unused\nSERVICE_DIR=\n");
        MosquittoShard shard = new MosquittoShard(dir, port);
        shard.startBroker();
        return shard;
    }

    /** Starts the broker (again) on its port and persistence; returns once it listens. */
    public void startBroker() {
        PrivateServices.bash(dir, "load_state; mqtt_up");
        String state = readState();
        int now = Integer.parseInt(state.replaceAll("(?s).*MQTT_PORT=(\\d+).*", "$1"));
        if (now != port) {
            throw new IllegalStateException("the broker moved from port " + port + " to " + now + " (port taken meanwhile)");
        }
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Installs device logins as {@code ./hub device credentials} does (every one given, with its ACL lines). */
    public void addLogins(Collection<DeviceCredentials> logins) throws IOException {
        Path file = Files.createTempFile("shard-logins", ".txt");
        try {
            Files.writeString(file, String.join("\n", logins.stream().map(DeviceCredentials::line).toList()) + "\n");
            PrivateServices.bash(dir, "broker_sync_device_credentials \"$2\"", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Sends the broker SIGTERM (it saves its persistence) and waits up to 20 s for it to exit. */
    public void stopBroker() throws IOException {
        broker().ifPresent(h -> {
            h.destroy();
            h.onExit().orTimeout(20, TimeUnit.SECONDS).join();
        });
    }

    /**
     * Kills the broker with {@code signal} (e.g. {@code SEGV}, as Mosquitto 2.0.11's crash after a persistent session
     * ends; it saves nothing) and waits up to 20 s for it to exit; {@link #startBroker} brings it back.
     */
    public void crashBroker(String signal) throws IOException, InterruptedException {
        Optional<ProcessHandle> broker = broker();
        if (broker.isEmpty()) {
            throw new IllegalStateException("no broker running in " + dir);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(broker.get().pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + broker.get().pid() + " failed");
        }
        broker.get().onExit().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** The running broker of this shard (by its pid file), if any. */
    private Optional<ProcessHandle> broker() throws IOException {
        Path pidFile = dir.resolve("mqtt/mosquitto.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.contains("mosquitto")).orElse(false));
    }

    private String readState() {
        try {
            return Files.readString(dir.resolve("state.env"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The broker's last log lines (notices, warnings, errors), for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("mqtt/mosquitto.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        System.out.println("MosquittoShard " + url() + ", last lines of its log:\n" + logTail(15));
        try {
            stopBroker();
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
