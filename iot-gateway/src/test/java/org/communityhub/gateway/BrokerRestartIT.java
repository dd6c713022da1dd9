package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real broker is restarted (SIGTERM, then started again on the same port and persistence):
 * the hub reconnects by itself within 5 s of the port opening, and nothing published before or
 * after the restart is lost or doubled.
 */
class BrokerRestartIT {

    private static HubFixture hub;

    @BeforeAll
    static void start() throws Exception {
        hub = HubFixture.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void hubReconnectsAfterABrokerRestartAndLosesNothing() throws Exception {
        TestDevice gate = hub.device("ita-gate-1");
        publish(gate, "before", 200);
        HubFixture.await(Duration.ofSeconds(15), "the first batch", () -> count() == 200);

        restartBroker();
        long portOpen = System.nanoTime();
        HubFixture.await(Duration.ofSeconds(5), "the hub to reconnect within 5 s", () -> {
            try {
                return hub.get("/health", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        long reconnectMs = (System.nanoTime() - portOpen) / 1_000_000;
        System.out.println("BrokerRestartIT: hub reconnected " + reconnectMs + " ms after the broker's port opened");

        publish(gate, "after", 200);
        HubFixture.await(Duration.ofSeconds(15), () -> "every event stored once; " + hub.diagnostics(),
                () -> count() == 400);
        assertThat(hub.column("SELECT count(DISTINCT event_id) FROM event")).containsExactly(400L);
    }

    private static void publish(TestDevice d, String prefix, int n) throws Exception {
        MqttClient c = d.connect(hub.mqttUrl());
        try {
            for (int i = 0; i < n; i++) {
                d.publish(c, TestDevice.payload(prefix + "-" + i, "heartbeat", "{\"battery\":50}"));
            }
        } finally {
            c.disconnect();
            c.close();
        }
    }

    private static long count() {
        try {
            return (Long) hub.column("SELECT count(*) FROM event").get(0);
        } catch (Exception e) {
            return -1;
        }
    }

    /** SIGTERM (the broker saves its persistence), then the same broker again, waiting until its port is open. */
    private static void restartBroker() throws Exception {
        Path mqtt = HubTestServices.dataDir().resolve("mqtt");
        String pid = Files.readString(mqtt.resolve("mosquitto.pid")).strip();
        run("kill", "-TERM", pid);
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        String broker = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        run(broker, "-c", mqtt.resolve("mosquitto.conf").toString(), "-d");
        int port = Integer.parseInt(HubTestServices.mqttUrl().replaceAll(".*:(\\d+)$", "$1"));
        HubFixture.await(Duration.ofSeconds(10), "the broker's port", () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(p.getInputStream().readAllBytes()));
        }
    }
}
