package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.communityhub.contract.DeviceType;
import org.communityhub.sim.testing.HubSubscriber;
import org.communityhub.sim.testing.HubSubscriber.Received;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.sim.testing.TestDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Load and fleet modes against the real Mosquitto: every publish arrives once, statuses come and go. */
class LoadAndFleetIT {

    private static TestDevices devices;

    @BeforeAll
    static void createLogins() throws Exception {
        devices = new TestDevices();
    }

    @AfterAll
    static void removeLogins() {
        devices.remove();
    }

    @Test
    void loadPublishesASteadyRateAndEveryEventArrivesExactlyOnce() throws Exception {
        EventFactory events = new EventFactory(EventIds.newRun("it"), Clock.systemUTC(), new Random());
        String prefix = "\"id\":\"" + events.ids().prefix() + "-";
        try (HubSubscriber hub = new HubSubscriber(devices.filter())) {
            LoadRunner.Settings settings = new LoadRunner.Settings(HubTestServices.mqttUrl(), 400, Duration.ofSeconds(2), 2, 8,
                    Duration.ofSeconds(20), 30);
            LoadRunner.Outcome outcome = new LoadRunner(List.of(devices.gate, devices.fireButton), settings, events, null).run();
            long sent = outcome.counters().sentCount();
            assertThat(sent).isBetween(760L, 800L);
            assertThat(outcome.allAcked()).isTrue();
            assertThat(outcome.counters().ackedCount()).isEqualTo(sent);
            assertThat(outcome.ackLatency().count()).isEqualTo(sent);
            List<Received> received = hub.await(r -> r.text().contains(prefix), (int) sent, Duration.ofSeconds(20));
            assertThat(received).hasSize((int) sent);
            assertThat(received.stream().map(r -> r.topic() + " " + r.text().substring(0,
                    r.text().indexOf("\",")))).doesNotHaveDuplicates();
            assertThat(received).filteredOn(r -> r.topic().equals(devices.gate.eventTopic())).hasSize((int) sent / 2);
            for (Received r : received.subList(0, 50)) {
                PayloadContract.assertValid(r.payload(), r.topic().contains("/gate/") ? DeviceType.GATE : DeviceType.FIRE_BUTTON);
            }
        }
    }

    @Test
    void fleetConnectsEveryDevicePublishesRhythmicEventsAndGoesOfflineCleanly() throws Exception {
        EventFactory events = new EventFactory(EventIds.newRun("it"), Clock.systemUTC(), new Random());
        try (HubSubscriber hub = new HubSubscriber(devices.filter())) {
            FleetRunner.Settings settings = new FleetRunner.Settings(HubTestServices.mqttUrl(), 1200, LocalTime.of(8, 0),
                    Duration.ofSeconds(3), 60, 30, 8);
            FleetRunner.Summary summary = new FleetRunner(devices.all(), settings, events, null).run(new CountDownLatch(1));
            assertThat(summary.connected()).isEqualTo(4);
            assertThat(summary.connectFailures()).isEmpty();
            long acked = summary.counters().ackedCount();
            assertThat(summary.byType().get("heartbeat")).as("a heartbeat per simulated minute, 60 per device").isBetween(150L,
                    260L);
            assertThat(summary.byType().get("access.granted")).as("morning rush at two gates").isGreaterThan(40L);
            assertThat(summary.counters().refusedCount() + summary.counters().failedCount()).isZero();
            String prefix = "\"id\":\"" + events.ids().prefix() + "-";
            assertThat(hub.await(r -> r.text().contains(prefix), (int) acked, Duration.ofSeconds(10))).hasSize((int) acked);
            for (var d : devices.all()) {
                List<Received> statuses = hub.await(r -> r.topic().equals(d.statusTopic()) && !r.retained(), 2,
                        Duration.ofSeconds(10));
                assertThat(statuses).extracting(Received::text).containsSubsequence("online", "offline");
                assertThat(statuses.get(statuses.size() - 1).text()).isEqualTo("offline");
            }
        }
    }
}
