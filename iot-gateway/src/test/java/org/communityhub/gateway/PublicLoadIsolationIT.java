package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.communityhub.gateway.testing.TestDevice;
import org.communityhub.geo.postgis.QueryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anonymous requests cannot starve the alarm path (issue 14, item 9): with 64 public reads stuck
 * in the database (the facility table is locked, every connection of the public pool waits on it and
 * the rest queue for its workers), a fire alarm published over MQTT is still stored and reaches a
 * guard's live stream, while all 64 reads are still waiting. Functional only; the latency under
 * such load is measured by bench/run alerts.
 */
class PublicLoadIsolationIT {

    private static final int READS = 64;
    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_DB_PUBLIC_STATEMENT_TIMEOUT_SECONDS", "300"));

    @Test
    void aFireAlarmIsStoredAndStreamedWhile64PublicReadsAreStuck() throws Exception {
        String guard = hub.login("guard-load", Role.SECURITY, "ita");
        List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), guard, -1)) {
            try (AutoCloseable locked = PublicReadsIT.lock(hub, "facility")) {
                int[] xy = QueryFixture.tileOf(114.052, 22.542, 12);
                for (int i = 0; i < READS; i++) {
                    String path = i % 2 == 0 ? "/collections/facilities/items?limit=" + (1 + i)
                            : "/tiles/facilities/12/" + xy[0] + "/" + xy[1] + ".mvt";
                    reads.add(hub.http().sendAsync(HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofMinutes(3))
                            .GET().build(), HttpResponse.BodyHandlers.ofString()));
                }
                int publicPool = hub.config().pools().publicSize();
                HubFixture.await(Duration.ofSeconds(30), "the public pool's connections all waiting on the lock", () ->
                        hubConnectionsWaitingOnALock() >= publicPool);

                hub.publish("ita-fb-1", TestDevice.payload("load-fire-1", "fire.alarm", "{\"floor\":3}"));
                JsonObject alert = stream.next(Duration.ofSeconds(30), m -> m.getString("kind").equals("alert")
                        && m.getJsonObject("alert").getString("device").equals("ita-fb-1"));
                assertThat(alert.getJsonObject("alert").getString("kind")).isEqualTo("fire");
                assertThat(hub.column("SELECT count(*) FROM event WHERE device_code = 'ita-fb-1' AND event_id = 'load-fire-1'"))
                        .containsExactly(1L);
                assertThat(reads).as("the public reads were still waiting when the alarm came through")
                        .noneMatch(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            for (CompletableFuture<HttpResponse<String>> read : reads) {
                assertThat(read.get().statusCode()).as(read.get().uri() + " after the lock").isEqualTo(200);
            }
        }
    }

    /** Connections of the hub (any of its pools) blocked by the test's lock. */
    private static long hubConnectionsWaitingOnALock() {
        try {
            return (Long) hub.column("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'community-hub%' AND wait_event_type = 'Lock'").get(0);
        } catch (Exception e) {
            return -1;
        }
    }
}
