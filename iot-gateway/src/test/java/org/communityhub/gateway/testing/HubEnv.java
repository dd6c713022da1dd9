package org.communityhub.gateway.testing;

import java.util.HashMap;
import java.util.Map;
import org.communityhub.geo.testing.HubTestServices;

/**
 * The {@code HUB_*} settings of a test hub (in this JVM through {@link HubFixture}, or a process through
 * {@link HubProcess}): this checkout's private PostgreSQL and broker ({@link HubTestServices}) with the given
 * database, a free HTTP port, its own instance id and shared-subscription group (so hubs of parallel tests never
 * take each other's messages), a 60 s MQTT session expiry and cheap password hashing (1,000 iterations).
 * Costs nothing; the map is the caller's, mutable, to add or override settings.
 */
public final class HubEnv {

    private HubEnv() {
    }

    /** The settings for a hub on {@code jdbcUrl} named {@code instanceId} (1–32 letters, digits, '_' or '-'). */
    public static Map<String, String> of(String jdbcUrl, String instanceId) {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", jdbcUrl);
        env.put("HUB_DB_USER", HubTestServices.dbUser());
        env.put("HUB_DB_PASSWORD", HubTestServices.dbPassword());
        env.put("HUB_MQTT_URL", HubTestServices.mqttUrl());
        env.put("HUB_MQTT_USER", HubTestServices.mqttUser());
        env.put("HUB_MQTT_PASSWORD", HubTestServices.mqttPassword());
        env.put("HUB_HTTP_PORT", "0");
        env.put("HUB_INSTANCE_ID", instanceId);
        env.put("HUB_MQTT_SHARE_GROUP", instanceId);
        env.put("HUB_MQTT_SESSION_EXPIRY_SECONDS", "60");
        env.put("HUB_PASSWORD_ITERATIONS", "1000");
        return env;
    }
}
