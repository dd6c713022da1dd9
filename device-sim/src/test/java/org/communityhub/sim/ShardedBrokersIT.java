package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.postgis.InstallationSecrets;
import org.communityhub.gateway.postgis.PostgisDeviceCredentials;
import org.communityhub.gateway.testing.HubEnv;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.HubProcess;
import org.communityhub.gateway.testing.MosquittoShard;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, several brokers: two private Mosquitto shards, community {@code ita} on one and {@code itb} on the other
 * ({@code HUB_MQTT_URL} and {@code HUB_MQTT_SHARDS}), and two gateway instances, each holding its sessions on both
 * shards. 20,000 events from six devices (gates, cameras and fire buttons, whose events take the alarm lane) while
 * one gateway is killed (SIGKILL) and, later, the second shard's broker is restarted (SIGTERM; Mosquitto keeps the
 * sessions but not their shared subscriptions); the killed gateway then comes back. Fire buttons are pressed at
 * each turn. Every event the brokers acknowledged is stored exactly once, each fire alarm counts once in one alert
 * per button, and the alerts of both communities reach the streams of both gateways. The devices behave like
 * {@code hub sim load}: an event whose publish failed, or that a restarted shard acknowledged with "no matching
 * subscribers" before the gateways had subscribed again (the broker's own bound), is re-sent with its id.
 */
class ShardedBrokersIT {

    private static final int RATE_PER_SHARD = 250;
    private static final Duration LOAD = Duration.ofSeconds(40); // 2 shards x 250/s x 40 s = 20,000 events

    @Test
    void twoShardsTwoGatewaysAKilledGatewayAndARestartedShardLoseAndDoubleNothing() throws Exception {
        PahoExecutor executor = new PahoExecutor(2);
        try (MosquittoShard shardA = MosquittoShard.start("a"); MosquittoShard shardB = MosquittoShard.start("b")) {
            Map<String, String> brokers = Map.of("HUB_MQTT_URL", shardA.url(),
                    "HUB_MQTT_SHARDS", "ita=" + shardA.url() + "; itb=" + shardB.url(),
                    "HUB_MQTT_SESSION_EXPIRY_SECONDS", "300");
            try (HubFixture gatewayA = HubFixture.start(brokers)) {
                var ds = gatewayA.dataSource();
                List<DeviceCredentials> all = new PostgisDeviceCredentials(ds, new InstallationSecrets(ds)
                        .getOrCreate(InstallationSecrets.DEVICE_KEY)).all();
                // All logins on every shard (README: Several brokers): each login's ACL pins it to its own topics.
                shardA.addLogins(all);
                shardB.addLogins(all);
                Map<String, String> envB = HubEnv.of(gatewayA.config().dbUrl(), "gwb-" + UUID.randomUUID().toString()
                        .substring(0, 8));
                envB.put("HUB_MQTT_SHARE_GROUP", gatewayA.config().mqttShareGroup());
                envB.putAll(brokers);
                HubProcess gatewayB = HubProcess.start(envB);
                try {
                    run(gatewayA, gatewayB, envB, shardA, shardB, executor);
                } finally {
                    gatewayB.close();
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private void run(HubFixture gatewayA, HubProcess gatewayB, Map<String, String> envB, MosquittoShard shardA,
                     MosquittoShard shardB, PahoExecutor executor) throws Exception {
        String admin = gatewayA.login("root", Role.ADMIN, null);
        EventFactory events = new EventFactory(EventIds.newRun("sh"), Clock.systemUTC(), new Random());
        String ids = events.ids().prefix() + "-%";
        EventFactory alarms = new EventFactory(EventIds.newRun("fa"), Clock.systemUTC(), new Random());
        DeviceCredentials buttonA = credentials(gatewayA.device("ita-fb-2"));
        DeviceCredentials buttonB = credentials(gatewayA.device("itb-fb-2"));
        CompletableFuture<LoadRunner.Outcome> loadA = load(gatewayA, shardA, events, "ita");
        CompletableFuture<LoadRunner.Outcome> loadB = load(gatewayA, shardB, events, "itb");
        try (StreamClient streamA = StreamClient.connect(gatewayA.http(), gatewayA.baseUrl(), admin, -1)) {
            await(gatewayA, ids, 4_000);
            int presses = 0;
            press(buttonA, shardA, alarms, executor);
            press(buttonB, shardB, alarms, executor);
            presses++;
            gatewayB.kill();
            System.out.println("ShardedBrokersIT: gateway B killed with " + stored(gatewayA, ids, false) + " stored");
            press(buttonA, shardA, alarms, executor);
            press(buttonB, shardB, alarms, executor);
            presses++;

            await(gatewayA, ids, 8_000);
            shardB.stopBroker();
            shardB.startBroker();
            System.out.println("ShardedBrokersIT: shard B restarted with " + stored(gatewayA, ids, false) + " stored");
            press(buttonB, shardB, alarms, executor);
            press(buttonA, shardA, alarms, executor);
            presses++;

            HubProcess restarted = HubProcess.start(envB);
            try (StreamClient streamB = streamOnceServing(gatewayA, restarted, admin)) {
                LoadRunner.Outcome a = loadA.get(4, TimeUnit.MINUTES);
                LoadRunner.Outcome b = loadB.get(4, TimeUnit.MINUTES);
                for (LoadRunner.Outcome o : List.of(a, b)) {
                    SendCounters c = o.counters();
                    assertThat(c.failedCount() + c.unroutedCount() + c.refusedCount()).as(c.toString()).isZero();
                    assertThat(c.ackedCount()).as(c.toString()).isEqualTo(c.sentCount());
                    assertThat(o.allAcked()).isTrue();
                }
                long sent = a.counters().sentCount() + b.counters().sentCount();
                assertThat(sent).isEqualTo(2L * RATE_PER_SHARD * LOAD.toSeconds());

                press(buttonA, shardA, alarms, executor);
                press(buttonB, shardB, alarms, executor);
                presses++;
                for (StreamClient stream : List.of(streamA, streamB)) {
                    Set<String> communities = new TreeSet<>();
                    while (communities.size() < 2) {
                        JsonObject m = stream.next(Duration.ofSeconds(30), j -> "alert".equals(j.getString("kind"))
                                && "fire".equals(j.getJsonObject("alert").getString("kind")));
                        communities.add(m.getJsonObject("alert").getString("community"));
                    }
                    assertThat(communities).as("each community's alerts on this gateway's stream").containsExactly("ita", "itb");
                }

                HubFixture.await(Duration.ofSeconds(120), () -> "every acknowledged event stored; " + sent + " sent, "
                        + stored(gatewayA, ids, true) + " stored", () -> stored(gatewayA, ids, true) == sent);
                assertThat(stored(gatewayA, ids, false)).as("no event stored twice").isEqualTo(sent);
                assertThat(count(gatewayA, "SELECT count(DISTINCT device_code) FROM event WHERE event_id LIKE '" + ids + "'"))
                        .isEqualTo(6);
                int pressed = 2 * presses;
                HubFixture.await(Duration.ofSeconds(30), "every fire alarm stored",
                        () -> count(gatewayA, "SELECT count(*) FROM event WHERE type = 'fire.alarm'") == pressed);
                assertThat(count(gatewayA, "SELECT count(*) FROM alert WHERE kind = 'fire'")).as("one alert per button")
                        .isEqualTo(2);
                assertThat(count(gatewayA, "SELECT sum(count) FROM alert WHERE kind = 'fire'")).as("each alarm once")
                        .isEqualTo(pressed);
                assertThat(count(gatewayA, "SELECT count(*) FROM alert_source s JOIN alert a ON a.id = s.alert_id"
                        + " WHERE a.kind = 'fire'")).isEqualTo(pressed);
            } finally {
                restarted.close();
            }
        }
    }

    /**
     * The stream of a gateway that has just started: it works off its sessions' backlog first, so on a busy machine
     * the upgrade may take longer than the client's 5 s connect timeout; tried again for up to 60 s.
     */
    private static StreamClient streamOnceServing(HubFixture hub, HubProcess gateway, String token) {
        StreamClient[] stream = new StreamClient[1];
        RuntimeException[] last = new RuntimeException[1];
        HubFixture.await(Duration.ofSeconds(60), () -> "the restarted gateway's stream: " + last[0], () -> {
            try {
                stream[0] = StreamClient.connect(hub.http(), gateway.baseUrl(), token, -1);
                return true;
            } catch (CompletionException e) {
                last[0] = e;
                return false;
            }
        });
        return stream[0];
    }

    /** The load of one shard's three devices (gate, camera, fire button), in the background. */
    private static CompletableFuture<LoadRunner.Outcome> load(HubFixture hub, MosquittoShard shard, EventFactory events,
                                                              String community) {
        List<DeviceCredentials> devices = List.of(credentials(hub.device(community + "-gate-1")),
                credentials(hub.device(community + "-cam-1")), credentials(hub.device(community + "-fb-1")));
        LoadRunner.Settings settings = new LoadRunner.Settings(shard.url(), RATE_PER_SHARD, LOAD, 2, 8,
                Duration.ofSeconds(120), 30, Duration.ofSeconds(150));
        LoadRunner runner = new LoadRunner(devices, settings, events, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A fire alarm from {@code button}, sent again (same id) until the shard routed it to a subscriber: a publish
     * that failed or found none (a restarted shard before the gateways subscribed again) does not count.
     */
    private static void press(DeviceCredentials button, MosquittoShard shard, EventFactory events, PahoExecutor executor) {
        SimEvent alarm = events.fireAlarm(button.code(), 3, "lobby");
        HubFixture.await(Duration.ofSeconds(60), "fire alarm " + alarm.id() + " routed by " + shard.url(), () -> {
            try (DeviceClient c = new DeviceClient(button, DeviceClient.clientId(button, "it"), shard.url(), executor, 30, 4)) {
                c.connectAndWait(false, 10_000);
                DeviceClient.Ack ack = c.publishEvent(alarm).get(10, TimeUnit.SECONDS);
                return !ack.unrouted() && !ack.refused();
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void await(HubFixture hub, String ids, long atLeast) {
        HubFixture.await(Duration.ofSeconds(90), "at least " + atLeast + " events stored",
                () -> stored(hub, ids, false) >= atLeast);
    }

    private static DeviceCredentials credentials(TestDevice d) {
        return new DeviceCredentials(d.code(), d.password(), d.community(), DeviceType.of(d.type()), null, null);
    }

    /** The run's rows in the event table: all of them, or distinct (device, id) pairs. */
    private static long stored(HubFixture hub, String ids, boolean distinct) {
        return count(hub, "SELECT count(" + (distinct ? "DISTINCT (device_code, event_id)" : "*")
                + ") FROM event WHERE event_id LIKE '" + ids + "'");
    }

    private static long count(HubFixture hub, String sql) {
        try {
            Object v = hub.column(sql).get(0);
            return v == null ? 0 : ((Number) v).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
