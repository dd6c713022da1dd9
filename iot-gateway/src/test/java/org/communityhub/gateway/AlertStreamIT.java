package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live stream: a new alert reaches connected staff of its community (and no one else's), every
 * state change is pushed, once, in its alert's {@code seq} order (an alert this instance wrote comes both from its
 * writer and through its change notice), and a client that reconnects with {@code since} receives what it missed.
 */
class AlertStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void alertsAndChangesArePushedLiveOnlyWithinScopeAndMissedOnesAreCaughtUp() throws Exception {
        String guardA = hub.login("guard-a", Role.SECURITY, "ita");
        long lastSeq;
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), guardA, -1)) {
            hub.publish("itb-cam-1", TestDevice.payload("other-1", "camera.climb", "{\"confidence\":0.9}"));
            hub.publish("ita-fb-1", TestDevice.payload("fire-1", "fire.alarm", "{\"floor\":2}"));
            JsonObject first = stream.next(WAIT, m -> m.getString("kind").equals("alert"));
            assertThat(first.getJsonObject("alert").getString("device")).as("another community's alert never arrives")
                    .isEqualTo("ita-fb-1");
            assertThat(first.getJsonObject("alert").getString("status")).isEqualTo("open");
            long id = first.getJsonObject("alert").getLong("id");

            assertThat(hub.post("/api/v1/alerts/" + id + "/ack", guardA, "{}").statusCode()).isEqualTo(200);
            JsonObject acked = stream.next(WAIT, m -> m.getString("kind").equals("alert")
                    && m.getJsonObject("alert").getString("status").equals("acknowledged"));
            assertThat(acked.getLong("seq")).isGreaterThan(first.getLong("seq"));
            lastSeq = acked.getLong("seq");
            assertThat(stream.drain()).noneMatch(m -> m.getString("kind").equals("alert")
                    && m.getJsonObject("alert").getString("community").equals("itb"));
        }
        hub.publish("ita-fb-2", TestDevice.payload("fire-2", "fire.alarm", "{}"));
        HubFixture.await(WAIT, "the missed alert to be stored", () -> {
            try {
                return hub.column("SELECT count(*) FROM alert WHERE device_code = 'ita-fb-2'").get(0).equals(1L);
            } catch (Exception e) {
                return false;
            }
        });
        try (StreamClient again = StreamClient.connect(hub.http(), hub.baseUrl(), guardA, lastSeq)) {
            JsonObject missed = again.next(WAIT, m -> m.getString("kind").equals("alert"));
            assertThat(missed.getJsonObject("alert").getString("device")).isEqualTo("ita-fb-2");
            assertThat(missed.getLong("seq")).isGreaterThan(lastSeq);
        }
    }

    @Test
    void eachChangeOfAnAlertArrivesOnceAndInSeqOrder() throws Exception {
        String guard = hub.login("guard-once", Role.SECURITY, "ita");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), guard, -1)) {
            List<JsonObject> alerts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hub.publish("ita-cam-1", TestDevice.payload("once-" + i, "camera.climb", "{\"confidence\":0.9}"));
            }
            collect(stream, alerts, "the third event folded in", m -> m.getJsonObject("alert").getString("device")
                    .equals("ita-cam-1") && m.getJsonObject("alert").getJsonArray("event_ids").contains("once-2"));
            long id = alerts.stream().map(m -> m.getJsonObject("alert")).filter(a -> a.getString("device").equals("ita-cam-1"))
                    .findFirst().orElseThrow().getLong("id");
            assertThat(hub.post("/api/v1/alerts/" + id + "/ack", guard, "{}").statusCode()).isEqualTo(200);
            collect(stream, alerts, "the acknowledgement", m -> m.getJsonObject("alert").getLong("id") == id
                    && m.getJsonObject("alert").getString("status").equals("acknowledged"));

            List<Long> seqs = alerts.stream().filter(m -> m.getJsonObject("alert").getLong("id") == id)
                    .map(m -> m.getLong("seq")).toList();
            assertThat(seqs).as("no change twice, none out of order").doesNotHaveDuplicates().isSorted();
        }
    }

    /** Adds the stream's alert messages to {@code into} until one matches {@code done}. */
    private static void collect(StreamClient stream, List<JsonObject> into, String what,
                                java.util.function.Predicate<JsonObject> done) {
        HubFixture.await(WAIT, what, () -> {
            stream.drain().stream().filter(m -> "alert".equals(m.getString("kind"))).forEach(into::add);
            return into.stream().anyMatch(done);
        });
    }

    @Test
    void aStreamWithoutAValidTokenIsRefused() throws Exception {
        assertThat(hub.get("/api/v1/stream?token=nope", null).statusCode()).isEqualTo(401);
    }

    @Test
    void installersWatchingADeviceReceiveItsEvents() throws Exception {
        String installer = hub.login("installer-a", Role.INSTALLER, "ita");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), installer, -1)) {
            stream.send("{\"watch\":\"itb-gate-1\"}");
            assertThat(stream.next(WAIT, m -> m.getString("kind").equals("watching")).getValue("device"))
                    .as("another community's device cannot be watched").isNull();
            stream.send("{\"watch\":\"ita-gate-1\"}");
            assertThat(stream.next(WAIT, m -> m.getString("kind").equals("watching")).getString("device"))
                    .isEqualTo("ita-gate-1");
            HubFixture.await(WAIT, "the watch to take effect", () -> {
                try {
                    hub.publish("ita-gate-1", TestDevice.payload("hb-" + System.nanoTime(), "heartbeat", "{\"battery\":77}"));
                    stream.next(Duration.ofSeconds(2), m -> m.getString("kind").equals("event")
                            && m.getJsonObject("event").getString("device").equals("ita-gate-1"));
                    return true;
                } catch (AssertionError | Exception e) {
                    return false;
                }
            });
        }
    }
}
