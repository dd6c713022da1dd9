package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.communityhub.gateway.mqtt.IntakeLane;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.gateway.testing.BrokerWatchdogPause;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.communityhub.geo.testing.HubTestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's order after a reboot, with the hub rendering the device logins (the private broker's default): the
 * hub was stopped, the broker started again (restoring the hub's sessions from its persistence file), then the hub
 * started. Mosquitto re-checks every session's login on a reload; a restored session has no password to check, so a
 * reload before the hub reconnects "disconnects" it again and adds it to the broker's session-expiry list a second
 * time; once the hub takes the session over the broker frees it, keeps the extra entry, and segfaults when it
 * reaches it (seen with gdb on 2.0.11: one {@code session_expiry__add} per reload, one remove at the takeover). The
 * hub therefore renders and reloads only after its sessions are connected, at its start and after it reconnected:
 * the broker never logs one of the hub's restored sessions as disconnected by a reload.
 */
class BrokerRestartLoginsIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.with(() -> BrokerLogins.hubOwnedFiles());

    @Test
    void aHubStartedAfterABrokerRestartReloadsTheBrokerOnlyOnceItsSessionsAreConnected() throws Exception {
        List<String> sessions = List.of(IntakeLane.ALARM.clientId(hub.config()), IntakeLane.BULK.clientId(hub.config()));
        Path mqtt = HubTestServices.dataDir().resolve("mqtt");
        Path log = mqtt.resolve("mosquitto.log");
        hub.stopHub(); // its sessions stay on the broker, as after a clean stop
        long from;
        try (BrokerWatchdogPause pause = BrokerWatchdogPause.begin("BrokerRestartLoginsIT")) {
            pause.stopBroker("TERM");
            from = Files.size(log);
            pause.startBroker();
        }
        FileTime renderedBefore = agedBack(mqtt.resolve("passwd")); // the hub's rendering makes it newer
        hub.startHub();
        assertThat(Files.getLastModifiedTime(mqtt.resolve("passwd"))).as("the hub rendered the logins at its start")
                .isGreaterThan(renderedBefore);

        String since = tail(log, from);
        noReloadMetARestoredSession(since, sessions);
    }

    @Test
    void aHubThatReconnectsAfterABrokerRestartInstallsTheLoginsAgainOnceConnected() throws Exception {
        List<String> sessions = List.of(IntakeLane.ALARM.clientId(hub.config()), IntakeLane.BULK.clientId(hub.config()));
        Path mqtt = HubTestServices.dataDir().resolve("mqtt");
        Path log = mqtt.resolve("mosquitto.log");
        long from;
        FileTime renderedBefore;
        try (BrokerWatchdogPause pause = BrokerWatchdogPause.begin("BrokerRestartLoginsIT")) {
            pause.stopBroker("TERM");
            from = Files.size(log);
            renderedBefore = agedBack(mqtt.resolve("passwd")); // the hub's rendering makes it newer
            pause.startBroker();
        }
        HubFixture.await(Duration.ofSeconds(30), "the hub to reconnect and render the logins again", () ->
                modified(mqtt.resolve("passwd")).compareTo(renderedBefore) > 0);
        String since = tail(log, from);
        noReloadMetARestoredSession(since, sessions);
    }

    /** Each session came back, and no reload "disconnected" it while it waited restored (the broker logs that). */
    private static void noReloadMetARestoredSession(String brokerLog, List<String> sessions) {
        for (String id : sessions) {
            assertThat(brokerLog).as("the hub's session %s came back", id).contains(" as " + id + " (");
            assertThat(brokerLog).as("a reload met the restored session %s before the hub had it:%n%s", id, brokerLog)
                    .doesNotContain("Client " + id + " disconnected.");
        }
    }

    /** Sets the file's modification time a minute back and returns it, so that any rewrite shows as newer. */
    private static FileTime agedBack(Path file) throws Exception {
        FileTime back = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(file, back);
        return back;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String tail(Path file, long from) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(from);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
