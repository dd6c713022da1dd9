package org.communityhub.gateway.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.communityhub.geo.testing.HubTestServices;

/**
 * While it is open, {@code ./hub test}'s broker watchdog leaves the private broker alone (the marker file
 * {@code mqtt/watchdog.pause}), so a test can stop it on purpose and start it again itself. Also stops the
 * broker: {@link #stopBroker} (SIGTERM: it saves its persistence first), and starts it: {@link #startBroker}. Not
 * for parallel use by two tests.
 */
public final class BrokerWatchdogPause implements AutoCloseable {

    private final Path marker;

    private BrokerWatchdogPause(Path marker) {
        this.marker = marker;
    }

    /** Writes the marker; {@code who} is recorded in it. */
    public static BrokerWatchdogPause begin(String who) throws IOException {
        Path marker = HubTestServices.dataDir().resolve("mqtt/watchdog.pause");
        Files.writeString(marker, who + "\n");
        return new BrokerWatchdogPause(marker);
    }

    /** Sends the private broker {@code signal} (e.g. {@code TERM}, {@code KILL}) and waits up to 10 s for it to exit. */
    public void stopBroker(String signal) throws Exception {
        Path pidFile = HubTestServices.dataDir().resolve("mqtt/mosquitto.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(15, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    }

    /**
     * Starts the private broker again from its own configuration (same port, same persistence file) and waits up to
     * 10 s for its port.
     */
    public void startBroker() throws Exception {
        Path mqtt = HubTestServices.dataDir().resolve("mqtt");
        String broker = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process p = new ProcessBuilder(broker, "-c", mqtt.resolve("mosquitto.conf").toString(), "-d")
                .redirectErrorStream(true).start();
        if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("starting the broker failed: " + new String(p.getInputStream().readAllBytes()));
        }
        int port = Integer.parseInt(HubTestServices.mqttUrl().replaceAll(".*:(\\d+)$", "$1"));
        HubFixture.await(Duration.ofSeconds(10), "the broker's port", () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(marker);
    }
}
