package org.communityhub.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.mqtt.IntakeLane;
import org.communityhub.geo.testing.HubTestServices;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Ends a stopped test hub's broker sessions. A hub keeps its sessions when it stops (its backlog must survive a
 * restart), so every finished test would leave two sessions on the shared private broker until they expire (60 s in
 * tests). A broker restarted meanwhile restores them with no password, each reload then adds them to its expiry list
 * once more, and Mosquitto 2.0.11 segfaults when they expire (see {@code HubHttp#installDeviceLogins}): the test
 * run's broker deaths came in such chains. Ending them at once leaves nothing for a restart to restore.
 */
public final class HubSessions {

    private HubSessions() {
    }

    /** As {@link #end(HubConfig)} for a hub started with these settings (e.g. a {@link HubProcess}). */
    public static void end(Map<String, String> env) {
        end(HubConfigLoader.load(env, false));
    }

    /** Takes over each lane's session with a clean start and no expiry, and disconnects: the broker drops it. */
    public static void end(HubConfig config) {
        for (IntakeLane lane : IntakeLane.values()) {
            try {
                MqttClient c = new MqttClient(HubTestServices.mqttUrl(), lane.clientId(config), new MemoryPersistence());
                try {
                    MqttConnectionOptions o = new MqttConnectionOptions();
                    o.setUserName(HubTestServices.mqttUser());
                    o.setPassword(HubTestServices.mqttPassword().getBytes(StandardCharsets.UTF_8));
                    o.setCleanStart(true);
                    o.setSessionExpiryInterval(0L);
                    o.setConnectionTimeout(5);
                    c.connect(o);
                    c.disconnect();
                } finally {
                    c.close();
                }
            } catch (MqttException e) {
                // the broker is down or restarting: the session expires by itself
            }
        }
    }
}
