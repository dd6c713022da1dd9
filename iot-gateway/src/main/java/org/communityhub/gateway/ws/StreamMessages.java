package org.communityhub.gateway.ws;

import io.vertx.core.json.JsonObject;
import org.communityhub.gateway.alert.Alert;
import org.communityhub.gateway.cases.notice.Notification;
import org.communityhub.gateway.device.DeviceView;
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.web.ApiJson;

/** The WebSocket stream's message shapes (CONTRACT §5). Stateless. */
final class StreamMessages {

    private StreamMessages() {
    }

    static String alert(Alert a) {
        return new JsonObject().put("kind", "alert").put("seq", a.changeSeq()).put("alert", ApiJson.alert(a)).encode();
    }

    static String device(DeviceView d) {
        return new JsonObject().put("kind", "device").put("device", ApiJson.device(d)).encode();
    }

    static String notification(Notification n) {
        return new JsonObject().put("kind", "notification").put("notification", ApiJson.notification(n)).encode();
    }

    static String event(String device, StoredEvent e) {
        return new JsonObject().put("kind", "event").put("event", ApiJson.event(e).put("device", device)).encode();
    }
}
