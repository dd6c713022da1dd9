package org.communityhub.sim.testing;

import org.communityhub.contract.DeviceCredentials;
import org.communityhub.contract.DeviceType;
import org.communityhub.geo.testing.HubTestServices;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.communityhub.sim.ConnectFailure;
import org.communityhub.sim.DeviceClient;
import org.communityhub.sim.PahoExecutor;

/**
 * A small fleet of fresh device logins in the real broker, under a fresh community code: two gates,
 * a fire button in a building and a compound-boundary camera. Test support only.
 */
public final class TestDevices {

    public final String community = "it-" + BrokerLogins.unique();
    public final DeviceCredentials gate = BrokerLogins.add(community + "-g1", community, DeviceType.GATE, "b-1", "q-1");
    public final DeviceCredentials gate2 = BrokerLogins.add(community + "-g2", community, DeviceType.GATE, "b-2", "q-1");
    public final DeviceCredentials fireButton = BrokerLogins.add(community + "-fb1", community, DeviceType.FIRE_BUTTON, "b-1",
            "q-1");
    public final DeviceCredentials camera = BrokerLogins.add(community + "-cam1", community, DeviceType.CAMERA, null, "q-1");

    /**
     * Creates the logins and waits (deadline 30 s) until the broker accepts them, asking it to reload its
     * password file again every 2 s meanwhile (once, in a full run, a reload was not seen within 10 s),
     * and waiting for it to come back if it is down (the watchdog restarts a crashed broker).
     */
    public TestDevices() throws ConnectFailure {
        BrokerLogins.reload();
        awaitLogin(camera, Duration.ofSeconds(30));
    }

    public List<DeviceCredentials> all() {
        return List.of(gate, gate2, fireButton, camera);
    }

    /** The topic filter of this community. */
    public String filter() {
        return "hub/v1/" + community + "/#";
    }

    /** Removes the logins again. */
    public void remove() {
        BrokerLogins.remove(all());
    }

    private static void awaitLogin(DeviceCredentials device, Duration timeout) throws ConnectFailure {
        long end = System.nanoTime() + timeout.toNanos();
        long nextReload = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        PahoExecutor executor = new PahoExecutor(1);
        try {
            while (true) {
                DeviceClient c = new DeviceClient(device, DeviceClient.clientId(device, "probe"), HubTestServices.mqttUrl(),
                        executor, 10, 1);
                try {
                    c.connectAndWait(false, 5000);
                    c.closeGracefully(false, 2000);
                    return;
                } catch (ConnectFailure e) {
                    c.close();
                    // Unreachable too: Mosquitto 2.0.11 was seen to crash right after the previous test's hub
                    // session ended; the launcher's watchdog brings it back within a second or two.
                    if (System.nanoTime() > end) {
                        throw e;
                    }
                    if (System.nanoTime() > nextReload) {
                        BrokerLogins.reload();
                        nextReload = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    }
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
