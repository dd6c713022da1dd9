package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.PrivateServices;
import org.communityhub.gateway.testing.TestDevice;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults while events flow, on the real services: the hub stopped mid-stream and restarted on the
 * same MQTT session, and the database shut down immediately for a few seconds. The oracle compares
 * what was published with what is stored: nothing lost, nothing doubled, one alert per fire alarm.
 * (The long versions, 30 s outages at 1,000 events/s, run with {@code ./hub test --long}.)
 */
class FaultToleranceIT {

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
    void aHubStoppedMidStreamAndRestartedLosesAndDoublesNothing() throws Exception {
        long before = count("SELECT count(*) FROM event");
        Publisher publisher = Publisher.start(hub.device("ita-gate-1"), "restart", 1500);
        HubFixture.await(Duration.ofSeconds(10), "the stream to be flowing",
                () -> count("SELECT count(*) FROM event") > before + 100);
        hub.restart();
        publisher.join();
        HubFixture.await(Duration.ofSeconds(30), () -> "all 1500 stored; " + hub.diagnostics(),
                () -> count("SELECT count(*) FROM event WHERE event_id LIKE 'restart-%'") == 1500);
        assertThat(count("SELECT count(DISTINCT event_id) FROM event WHERE event_id LIKE 'restart-%'")).isEqualTo(1500);
    }

    @Test
    void aDatabaseOutageUnderLoadLosesNothingAndRaisesOneAlertPerFireAlarm() throws Exception {
        long secondsDown = 5;
        TestDevice button = hub.device("itb-fb-1");
        Publisher stream = Publisher.start(hub.device("itb-gate-1"), "outage", 2000);
        HubFixture.await(Duration.ofSeconds(10), "the stream to be flowing",
                () -> count("SELECT count(*) FROM event WHERE event_id LIKE 'outage-%'") > 100);
        PrivateServices.stopDatabaseImmediately();
        try {
            MqttClient c = button.connect(hub.mqttUrl());
            try {
                for (int i = 0; i < 3; i++) {
                    button.publish(c, TestDevice.payload("fire-down-" + i, "fire.alarm", "{}"));
                }
            } finally {
                c.disconnect();
                c.close();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(secondsDown).toNanos());
        } finally {
            PrivateServices.startDatabase();
        }
        stream.join();
        HubFixture.await(Duration.ofSeconds(60), () -> "the backlog to drain; " + hub.diagnostics(),
                () -> count("SELECT count(*) FROM event WHERE event_id LIKE 'outage-%'") == 2000);
        assertThat(count("SELECT count(DISTINCT event_id) FROM event WHERE event_id LIKE 'outage-%'")).isEqualTo(2000);
        HubFixture.await(Duration.ofSeconds(10), "the fire alarms", () ->
                count("SELECT count(*) FROM event WHERE event_id LIKE 'fire-down-%'") == 3);
        assertThat(count("SELECT count(*) FROM alert WHERE device_code = 'itb-fb-1'")).as("one alert, folded").isEqualTo(1);
        assertThat(count("SELECT count FROM alert WHERE device_code = 'itb-fb-1'")).isEqualTo(3);
    }

    private static long count(String sql) {
        try {
            return ((Number) hub.column(sql).get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Publishes {@code n} QoS 1 events with unique ids from one device on its own thread. */
    private static final class Publisher {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicInteger sent = new AtomicInteger();

        private Publisher(TestDevice device, String prefix, int n) {
            thread = new Thread(() -> {
                try {
                    MqttClient c = device.connect(hub.mqttUrl());
                    try {
                        for (int i = 0; i < n; i++) {
                            device.publish(c, TestDevice.payload(prefix + "-" + i, "heartbeat", "{}"));
                            sent.incrementAndGet();
                        }
                    } finally {
                        c.disconnect();
                        c.close();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "publisher-" + prefix);
        }

        static Publisher start(TestDevice device, String prefix, int n) {
            Publisher p = new Publisher(device, prefix, n);
            p.thread.start();
            return p;
        }

        void join() throws InterruptedException {
            thread.join(60_000);
            assertThat(failure.get()).as("publishing failed after " + sent.get()).isNull();
        }
    }
}
