package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.testing.BrokerWatchdogPause;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.Launcher;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.testing.HubTestServices;
import org.junit.jupiter.api.Test;

/**
 * The load runner across a broker crash (what {@code ./hub test}'s watchdog does after Mosquitto 2.0.11
 * segfaults): the real private broker is stopped mid-run and started again with {@code ./hub services up};
 * every event whose publish failed meanwhile (or that found no subscriber before the hub had subscribed again)
 * is re-sent with its id once its device has reconnected, so every event is acknowledged and none counted
 * failed, and the hub stores every one of them exactly once. Before issue 19 a few events (2–59 of 1,000) the
 * restarted broker acknowledged were never stored: Mosquitto 2.0 keeps the hub's sessions over a restart but not
 * their shared subscriptions, the two lanes subscribed again independently, and fire-button events routed to the
 * bulk lane before the alarm lane had subscribed were acknowledged there without being worked. The broker's own
 * bound is not tested here: events published between its restart and the hub's new subscription find no
 * subscriber (PUBACK 0x10), which the simulator, like a careful device, re-sends.
 */
class LoadResendIT {

    @Test
    void eventsWhosePublishFailedWhileTheBrokerWasDownAreResentAndStoredOnce() throws Exception {
        try (HubFixture hub = HubFixture.start()) {
            List<DeviceCredentials> devices = List.of(credentials(hub.device("ita-gate-1")),
                    credentials(hub.device("ita-fb-1")));
            EventFactory events = new EventFactory(EventIds.newRun("rs"), Clock.systemUTC(), new Random());
            String ids = events.ids().prefix() + "-%";
            LoadRunner.Settings settings = new LoadRunner.Settings(HubTestServices.mqttUrl(), 40, Duration.ofSeconds(25), 2,
                    8, Duration.ofSeconds(90), 30, Duration.ofSeconds(90));
            LoadRunner runner = new LoadRunner(devices, settings, events, null);
            CompletableFuture<LoadRunner.Outcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HubFixture.await(Duration.ofSeconds(30), "the first events stored", () -> stored(hub, ids, false) >= 40);
            try (BrokerWatchdogPause pause = BrokerWatchdogPause.begin("LoadResendIT")) {
                pause.stopBroker("TERM");
                var up = Launcher.run(Map.of("HUB_DATA_DIR", HubTestServices.dataDir().toString()), 180, "services", "up");
                assertThat(up.code()).as(up.output()).isZero();
            }
            assertThat(run).as("the broker was back before the run ended").isNotDone();

            LoadRunner.Outcome outcome = run.get(3, TimeUnit.MINUTES);
            SendCounters c = outcome.counters();
            assertThat(c.resentCount()).as("publishes failed while the broker was down: " + c).isPositive();
            assertThat(c.failedCount() + c.unroutedCount()).as(c.toString()).isZero();
            assertThat(c.refusedCount()).as(c.toString()).isZero();
            assertThat(c.ackedCount()).as(c.toString()).isEqualTo(c.sentCount());
            assertThat(outcome.allAcked()).isTrue();
            long distinct = settled(hub, ids, c.sentCount());
            System.out.println("LoadResendIT: " + c + "; stored " + distinct + " of " + c.sentCount());
            assertThat(distinct).as(() -> "every acknowledged event stored; missing " + missing(hub, ids))
                    .isEqualTo(c.sentCount());
            assertThat(stored(hub, ids, false)).as("each event stored once").isEqualTo(distinct);
        }
    }

    /** The run's distinct stored events once all {@code sent} are stored, or once the count stopped growing for 10 s. */
    private static long settled(HubFixture hub, String ids, long sent) {
        long[] last = {-1, System.nanoTime()};
        HubFixture.await(Duration.ofSeconds(120), "the stored count to settle", () -> {
            long now = stored(hub, ids, true);
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return now == sent || System.nanoTime() - last[1] > Duration.ofSeconds(10).toNanos();
        });
        return last[0];
    }

    /** Per device, the sequence numbers below its highest stored one that are not stored (for the failure message). */
    private static List<Object> missing(HubFixture hub, String ids) {
        try {
            return hub.column("SELECT d.device_code || ':' || s FROM (SELECT device_code, max(split_part(event_id, '-', 2)::int)"
                    + " AS m FROM event WHERE event_id LIKE '" + ids + "' GROUP BY device_code) d,"
                    + " generate_series(1, d.m) s WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.device_code = d.device_code"
                    + " AND e.event_id = replace('" + ids + "', '%', '') || s)");
        } catch (Exception e) {
            return List.of(e.toString());
        }
    }

    private static DeviceCredentials credentials(TestDevice d) {
        return new DeviceCredentials(d.code(), d.password(), d.community(), DeviceType.of(d.type()), null, null);
    }

    /** The run's rows in the event table: all of them, or distinct (device, id) pairs. */
    private static long stored(HubFixture hub, String ids, boolean distinct) {
        try {
            return ((Number) hub.column("SELECT count(" + (distinct ? "DISTINCT (device_code, event_id)" : "*")
                    + ") FROM event WHERE event_id LIKE '" + ids + "'").get(0)).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
