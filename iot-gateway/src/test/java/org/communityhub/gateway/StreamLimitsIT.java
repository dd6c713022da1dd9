package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.gateway.testing.StreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One login cannot take every stream slot, and one connection cannot flood the hub with messages
 * (issue 14 #11): with {@code HUB_STREAM_MAX_PER_USER=3}, a login's fourth stream gets 429 while
 * another login still connects; a connection sending more than its message rate gets a
 * {@code rate_limited} error and is closed with 1008.
 */
class StreamLimitsIT {

    private static final int PER_USER = 3;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(Map.of("HUB_STREAM_MAX_PER_USER", String.valueOf(PER_USER)));

    @Test
    void aLoginsExtraStreamIsRefusedWith429WhileOthersConnect() throws Exception {
        String greedy = hub.login("greedy", Role.SECURITY, "ita");
        String other = hub.login("other", Role.SECURITY, "itb");
        List<StreamClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                held.add(StreamClient.connect(hub.http(), hub.baseUrl(), greedy, -1));
            }
            assertThat(StreamClient.upgradeStatus(hub.http(), hub.baseUrl(), greedy)).as("stream " + (PER_USER + 1))
                    .isEqualTo(429);
            try (StreamClient theirs = StreamClient.connect(hub.http(), hub.baseUrl(), other, -1)) {
                theirs.send("{\"watch\":\"itb-cam-1\"}");
                assertThat(theirs.next(WAIT, m -> "watching".equals(m.getString("kind"))).getString("device"))
                        .isEqualTo("itb-cam-1");
            }
            held.remove(0).close();
            HubFixture.await(WAIT, "a slot of the login back after one of its streams closed",
                    () -> StreamClient.upgradeStatus(hub.http(), hub.baseUrl(), greedy) == 101);
        } finally {
            held.forEach(StreamClient::close);
        }
    }

    @Test
    void aFloodOfWatchMessagesIsCutOff() throws Exception {
        String flooder = hub.login("flooder", Role.SECURITY, "ita");
        try (StreamClient stream = StreamClient.connect(hub.http(), hub.baseUrl(), flooder, -1)) {
            int sent = 0;
            while (sent < 500 && !stream.isClosed()) {
                try {
                    stream.send("{\"watch\":\"ita-gate-1\"}");
                } catch (java.util.concurrent.CompletionException e) {
                    break; // the hub closed the connection while we were still sending
                }
                sent++;
            }
            StreamClient.Closed closed = stream.awaitClose(WAIT);
            assertThat(closed.code()).as("close code").isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("rate limited");
            List<JsonObject> got = stream.drain();
            assertThat(got).as("the error before the close").anyMatch(m -> "error".equals(m.getString("kind"))
                    && "rate_limited".equals(m.getJsonObject("error").getString("code")));
            assertThat(got.stream().filter(m -> "watching".equals(m.getString("kind"))).count())
                    .as("watch messages answered (each one a query)").isLessThanOrEqualTo(20);
        }
    }
}
