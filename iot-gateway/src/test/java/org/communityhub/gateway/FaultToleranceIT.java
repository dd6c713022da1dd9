package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.PrivateServices;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults while events flow, on the real services: the hub stopped mid-stream and restarted on the
 * same MQTT session, and the database shut down immediately for a few seconds. The oracle compares
 * what was published with what is stored: nothing lost, nothing doubled, one alert per fire alarm.
 * With {@code ./hub test --long} the outage is the full case: 30 s at 1,000 events/s.
 */
class FaultToleranceIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void aHubStoppedMidStreamAndRestartedLosesAndDoublesNothing() throws Exception {
        long before = count("SELECT count(*) FROM event");
        Publisher publisher = Publisher.start(hub.device("ita-gate-1"), "restart", 1500, 0);
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
        boolean longMode = HubTestServices.longMode();
        long secondsDown = longMode ? 30 : 5;
        int rate = longMode ? 1000 : 500;
        int total = (int) (rate * (secondsDown + 10));
        TestDevice button = hub.device("itb-fb-1");
        Publisher stream = Publisher.start(hub.device("itb-gate-1"), "outage", total, rate);
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
        long back = System.nanoTime();
        stream.join();
        HubFixture.await(Duration.ofSeconds(60), () -> "the backlog to drain within 60 s; " + hub.diagnostics(),
                () -> count("SELECT count(*) FROM event WHERE event_id LIKE 'outage-%'") == total);
        System.out.printf("FaultToleranceIT: %d events at %d/s, database down %d s, all stored %d ms after it returned%n",
                total, rate, secondsDown, (System.nanoTime() - back) / 1_000_000);
        assertThat(count("SELECT count(DISTINCT event_id) FROM event WHERE event_id LIKE 'outage-%'")).isEqualTo(total);
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

        /** @param rate events per second, or 0 for as fast as the broker acknowledges */
        private Publisher(TestDevice device, String prefix, int n, int rate) {
            thread = new Thread(() -> {
                try {
                    MqttClient c = device.connect(hub.mqttUrl());
                    long start = System.nanoTime();
                    try {
                        for (int i = 0; i < n; i++) {
                            if (rate > 0) {
                                long due = start + i * 1_000_000_000L / rate;
                                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                            }
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

        static Publisher start(TestDevice device, String prefix, int n, int rate) {
            Publisher p = new Publisher(device, prefix, n, rate);
            p.thread.start();
            return p;
        }

        void join() throws InterruptedException {
            thread.join(120_000);
            assertThat(failure.get()).as("publishing failed after " + sent.get()).isNull();
        }
    }
}
