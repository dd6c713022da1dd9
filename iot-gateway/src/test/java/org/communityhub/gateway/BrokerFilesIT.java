package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.communityhub.gateway.testing.BrokerLogins;
import org.communityhub.geo.testing.HubTestServices;
import org.junit.jupiter.api.Test;

/**
 * The private broker's password file under concurrent writers (several {@code ./hub} commands, test JVMs adding
 * logins, {@code ./hub services up}): each writer's read-modify-write of {@code mqtt/passwd} runs alone, so no
 * writer's logins are lost and no two writers' bytes interleave in it (Mosquitto refused such a file at a reload
 * with "Corrupt password file at line 1"). Runs the launcher's own {@code broker_sync_device_credentials} in
 * parallel processes against the real file, then removes the logins again.
 */
class BrokerFilesIT {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 3;

    @Test
    void concurrentLoginWritersKeepEveryLoginAndAWellFormedPasswordFile() throws Exception {
        Path passwd = HubTestServices.dataDir().resolve("mqtt/passwd");
        String run = "lock" + UUID.randomUUID().toString().substring(0, 6);
        List<String> names = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<String>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    String name = run + "-" + round + "-" + w;
                    names.add(name);
                    Path file = Files.createTempFile("login", ".txt");
                    Files.writeString(file, BrokerLogins.line(name, "pw-" + name, "ita", "gate") + "\n");
                    writers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return BrokerLogins.launcher("broker_sync_device_credentials \"$2\"", file.toString());
                        } finally {
                            file.toFile().delete();
                        }
                    }));
                }
                for (CompletableFuture<String> w : writers) {
                    assertThat(w.get(2, TimeUnit.MINUTES)).as("a writer's output").isNull();
                }
            }
            List<String> lines = Files.readAllLines(passwd);
            assertThat(lines).as("every line is user:hash").allMatch(l -> l.matches("[^:\\s]+:\\$[0-9]+\\$[^:\\s]+"));
            List<String> users = lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
            assertThat(users).as("no login lost or doubled").containsAll(names).doesNotHaveDuplicates();
        } finally {
            String out = BrokerLogins.launcher("broker_remove_device_logins " + String.join(" ", names), "");
            assertThat(out).isNull();
        }
        assertThat(Files.readAllLines(passwd)).noneMatch(l -> l.startsWith(run));
    }
}
