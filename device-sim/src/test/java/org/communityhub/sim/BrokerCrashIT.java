package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.MosquittoShard;
import org.junit.jupiter.api.Test;

/**
 * The simulator when its broker crashes (SIGSEGV, as Mosquitto 2.0.11 does after a persistent session ends, and as
 * {@code ./hub test}'s watchdog then restarts it) while it publishes, on a private broker of the test's own
 * ({@link MosquittoShard}; no hub: nothing subscribes, so every PUBACK says "no matching subscribers", which the
 * simulator does not re-send for a device never routed before). A client whose in-flight window is full the moment it
 * has reconnected goes on being acknowledged: its {@code online} status used to wait for window room on Paho's callback
 * thread, the very thread that delivers the PUBACKs that make room, so the client stalled for good — and a load run
 * with it ({@code ShardedBrokersIT} once waited 300 s for one). A load run across two crashes finishes, every event
 * acknowledged, none counted failed, those whose publish failed while the broker was down re-sent.
 */
class BrokerCrashIT {

    @Test
    void aClientWhoseWindowIsFullWhenItReconnectsIsStillAcknowledged() throws Exception {
        PahoExecutor executor = new PahoExecutor(2);
        DeviceCredentials gate = device("gate");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acked = new AtomicLong();
        try (MosquittoShard shard = MosquittoShard.start("crash-client");
             DeviceClient client = new DeviceClient(gate, DeviceClient.clientId(gate, "it"), shard.url(), executor, 10, 1)) {
            shard.addLogins(List.of(gate));
            client.connectAndWait(true, 10_000);
            // Publishes whenever there is room: right after each reconnect the one slot is taken before Paho's
            // callback thread gets to the reconnect.
            Thread hammer = new Thread(() -> {
                byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
                while (!stop.get()) {
                    CompletableFuture<DeviceClient.Ack> f = client.isConnected()
                            ? client.tryPublish(gate.eventTopic(), payload) : null;
                    if (f != null) {
                        f.thenRun(acked::incrementAndGet);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }, "crash-it-hammer");
            hammer.setDaemon(true);
            hammer.start();
            try {
                for (int crash = 1; crash <= 3; crash++) {
                    HubFixture.await(Duration.ofSeconds(30), "PUBACKs before crash " + crash, () -> acked.get() > 0);
                    shard.crashBroker("SEGV");
                    HubFixture.await(Duration.ofSeconds(30), "the client to notice crash " + crash,
                            () -> !client.isConnected());
                    shard.startBroker();
                    long before = acked.get();
                    int n = crash;
                    HubFixture.await(Duration.ofSeconds(60), () -> "PUBACKs after restart " + n + " (" + before
                            + " before; connected " + client.isConnected() + ")\n" + shard.logTail(10),
                            () -> acked.get() > before + 100);
                }
            } finally {
                stop.set(true);
                hammer.join(5_000);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aLoadRunAcrossTwoBrokerCrashesFinishesWithEveryEventAcknowledged() throws Exception {
        try (MosquittoShard shard = MosquittoShard.start("crash-load")) {
            List<DeviceCredentials> devices = List.of(device("gate"), device("cam"));
            shard.addLogins(devices);
            EventFactory events = new EventFactory(EventIds.newRun("bc"), Clock.systemUTC(), new Random());
            LoadRunner.Settings settings = new LoadRunner.Settings(shard.url(), 200, Duration.ofSeconds(40), 2, 2,
                    Duration.ofSeconds(120), 10, Duration.ofSeconds(150));
            LoadRunner runner = new LoadRunner(devices, settings, events, null);
            CompletableFuture<LoadRunner.Outcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Each crash comes once every device is connected and the broker has acknowledged 500 more events (2.5 s
            // of load): before the first, the load flows; before the second, every device is back after the first
            // restart (their reconnect delay doubles, 1 s, 2 s, 4 s …, while the broker stays away), so the second
            // crash is not one long outage. The broker restarts once every device has noticed the crash and a
            // publish has failed meanwhile (to be re-sent).
            SendCounters live = runner.counters();
            for (int crash = 1; crash <= 2; crash++) {
                long ackedBefore = live.ackedCount();
                int n = crash;
                HubFixture.await(Duration.ofSeconds(90), () -> "every device connected and 500 more PUBACKs before crash "
                        + n + " (" + runner.connectedDevices() + " of " + devices.size() + " connected; " + live
                        + "; acked " + ackedBefore + " before; run done " + run.isDone() + ")\n" + shard.logTail(10),
                        () -> runner.connectedDevices() == devices.size() && live.ackedCount() >= ackedBefore + 500);
                long failedBefore = runner.failedPublishes();
                shard.crashBroker("SEGV");
                HubFixture.await(Duration.ofSeconds(30), () -> "every device to notice crash " + n + " and a publish to "
                        + "fail (" + runner.connectedDevices() + " still connected; failed publishes "
                        + runner.failedPublishes() + ", " + failedBefore + " before)",
                        () -> runner.connectedDevices() == 0 && runner.failedPublishes() > failedBefore);
                shard.startBroker();
            }
            assertThat(run).as("the broker was back before the run ended").isNotDone();

            LoadRunner.Outcome outcome = run.get(4, TimeUnit.MINUTES);
            SendCounters c = outcome.counters();
            System.out.println("BrokerCrashIT: " + c);
            assertThat(c.sentCount()).as(c.toString()).isEqualTo(200L * 40);
            assertThat(c.resentCount()).as("publishes failed while the broker was down: " + c).isPositive();
            assertThat(c.failedCount() + c.refusedCount()).as(c.toString()).isZero();
            assertThat(c.ackedCount()).as(c.toString()).isEqualTo(c.sentCount());
            assertThat(outcome.allAcked()).isTrue();
        }
    }

    private static DeviceCredentials device(String type) {
        String code = "xc-" + type + "-" + UUID.randomUUID().toString().substring(0, 6);
        DeviceType t = type.equals("gate") ? DeviceType.GATE : DeviceType.CAMERA;
        return new DeviceCredentials(code, "pw-" + UUID.randomUUID(), "xc", t, null, null);
    }
}
