package org.communityhub.gateway.http;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.device.StoredEvent;

/** The WebSocket stream's message shapes (CONTRACT §5). Stateless. */
public final class StreamMessages {

    private StreamMessages() {
    }

    public static String alert(Alert a) {
        return new JsonObject().put("kind", "alert").put("seq", a.changeSeq()).put("alert", ApiJson.alert(a)).encode();
    }

    public static String device(DeviceView d) {
        return new JsonObject().put("kind", "device").put("device", ApiJson.device(d)).encode();
    }

    public static String event(String device, StoredEvent e) {
        return new JsonObject().put("kind", "event").put("event", ApiJson.event(e).put("device", device)).encode();
    }
}
