package org.communityhub.gateway.device;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.event.EventType;
import org.communityhub.gateway.postgis.PostgisAuditLog;

/**
 * Test-only, for {@code LayeringTest}: a domain class that imports Vert.x and an adapter and closes the
 * cycle device → event → device. Never used at run time.
 */
final class LayeringProbe {

    private LayeringProbe() {
    }

    static String probe(PostgisAuditLog audit, EventType type) {
        return new JsonObject().put("audit", String.valueOf(audit)).put("type", String.valueOf(type)).encode();
    }
}
