package org.communityhub.gateway.device;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.event.DeviceEvent;
import org.communityhub.gateway.postgis.PostgisAuditLog;

/**
 * Test-only, for {@code LayeringTest}: a domain class that imports Vert.x and an adapter, closes the
 * cycle device → event → device, defines a second {@code DeviceType} and reads the system clock itself. Never used
 * at run time.
 */
final class LayeringProbe {

    /** A second vocabulary word outside hub-contract. */
    enum DeviceType { LIFT }

    private LayeringProbe() {
    }

    static String probe(PostgisAuditLog audit, DeviceEvent event) {
        return new JsonObject().put("audit", String.valueOf(audit)).put("event", String.valueOf(event))
                .put("type", DeviceType.LIFT.name()).put("at", java.time.Instant.now().toString()).encode();
    }
}
