package org.communityhub.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.device.DeviceLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's rendering of device logins when the private broker is not running: after a crash (a segfaulted
 * Mosquitto leaves its pid file behind) or before it was started, the files are written and no
 * reload is asked for, since the broker reads them when it starts. A pid that is alive is signalled, unless the
 * hub's own sessions are away (it reloads when they are back).
 */
class MosquittoLoginFilesTest {

    @TempDir
    Path dir;

    private static final DeviceLogin GATE = new DeviceLogin("gate-1", "$7$101$salt$hash", "c1", "gate");

    @Test
    void withoutAPidFileTheFilesAreWrittenForTheBrokersNextStart() throws Exception {
        files(dir.resolve("mosquitto.pid")).install(List.of(GATE));
        assertThat(Files.readString(dir.resolve("passwd"))).isEqualTo("hub.gateway:$7$101$x$y\ngate-1:$7$101$salt$hash\n");
        assertThat(Files.readString(dir.resolve("acl"))).contains("user gate-1\ntopic write hub/v1/c1/gate/gate-1/event\n");
    }

    @Test
    void aPidFileLeftByABrokerThatDiedIsNotAnError() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("mosquitto.pid"), gone.pid() + "\n");
        files(dir.resolve("mosquitto.pid")).install(List.of(GATE));
        assertThat(Files.readString(dir.resolve("passwd"))).contains("gate-1:");
    }

    @Test
    void aLiveBrokerIsSignalled() throws Exception {
        Process broker = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("mosquitto.pid"), broker.pid() + "\n");
            files(dir.resolve("mosquitto.pid")).install(List.of(GATE));
            assertThat(broker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("SIGHUP ends sleep").isTrue();
            assertThat(broker.exitValue()).isEqualTo(128 + 1);
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void whileTheHubsSessionsAreAwayTheFilesAreWrittenAndTheReloadWaits() throws Exception {
        Process broker = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("mosquitto.pid"), broker.pid() + "\n");
            files(dir.resolve("mosquitto.pid"));
            new MosquittoLoginFiles(new HubConfig.Mosquitto(dir.resolve("passwd"), dir.resolve("acl"),
                    dir.resolve("acl.services"), dir.resolve("mosquitto.pid"), null), () -> false).install(List.of(GATE));
            assertThat(Files.readString(dir.resolve("passwd"))).contains("gate-1:");
            assertThat(broker.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)).as("no SIGHUP").isFalse();
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void aPidFileWithoutAPidIsStillRefused() throws Exception {
        Files.writeString(dir.resolve("mosquitto.pid"), "not a pid\n");
        assertThatThrownBy(() -> files(dir.resolve("mosquitto.pid")).install(List.of(GATE)))
                .hasMessageContaining("no pid in");
    }

    private MosquittoLoginFiles files(Path pid) throws Exception {
        Files.writeString(dir.resolve("passwd"), "hub.gateway:$7$101$x$y\nold-device:$7$101$a$b\n");
        Files.writeString(dir.resolve("acl.services"), "user hub.gateway\ntopic read hub/v1/#\n");
        return new MosquittoLoginFiles(new HubConfig.Mosquitto(dir.resolve("passwd"), dir.resolve("acl"),
                dir.resolve("acl.services"), pid, null));
    }
}
