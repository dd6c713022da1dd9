package org.communityhub.gateway.ws;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.communityhub.gateway.device.DeviceQueries;
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.web.ApiSupport;

/**
 * The stream's device feed: a client sends {@code {"watch":"<code>"[,"since":"<ISO time>"]}} and then receives
 * that device's new events ({@code {"kind":"event",…}}), polled once a second per watching session (at most one
 * poll in flight each), from {@code since} (at most an hour back; else from now); any other watch value stops it.
 * Only a device of a community the client sees can be watched. Database reads on the worker pool; everything else
 * on the stream's event loop, which is the only caller.
 */
final class DeviceWatch {

    private final ApiSupport api;
    private final DeviceQueries devices;
    private final BiConsumer<StreamSession, String> write;

    /** @param write sends a message to a session (on the event loop) */
    DeviceWatch(ApiSupport api, DeviceQueries devices, BiConsumer<StreamSession, String> write) {
        this.api = api;
        this.devices = devices;
        this.write = write;
    }

    /** A client's message (within its rate): starts or stops its watch and answers {@code {"kind":"watching",…}}. */
    void onMessage(StreamSession session, String text) {
        String device;
        Instant since;
        try {
            JsonObject m = new JsonObject(text);
            device = m.getString("watch");
            String s = m.getString("since");
            Instant now = api.clock().instant();
            since = s == null ? now : Instant.parse(s);
            since = since.isBefore(now.minusSeconds(3600)) ? now.minusSeconds(3600) : since;
        } catch (RuntimeException e) {
            return;
        }
        if (device == null || !device.matches("[a-z0-9-]{1,64}")) {
            session.watch(null, null);
            write.accept(session, new JsonObject().put("kind", "watching").putNull("device").encode());
            return;
        }
        Instant from = since;
        api.blocking(() -> devices.device(device)).onSuccess(d -> {
            boolean visible = d.isPresent() && session.principal().sees(d.get().device().community());
            session.watch(visible ? device : null, visible ? from : null);
            write.accept(session, new JsonObject().put("kind", "watching").put("device", visible ? device : null).encode());
        });
    }

    /** Sends every watching session its device's events since the last one it got. */
    void poll(Iterable<StreamSession> sessions) {
        for (StreamSession s : sessions) {
            String device = s.watchedDevice();
            Instant after = s.watchedSince();
            if (device == null || !s.startPoll()) {
                continue;
            }
            api.blocking(() -> devices.events(device, after.minusSeconds(3600), api.clock().instant().plusSeconds(600), 100))
                    .onComplete(r -> {
                        s.endPoll();
                        if (r.failed()) {
                            return;
                        }
                        List<StoredEvent> fresh = r.result().stream().filter(e -> e.receivedAt().isAfter(after))
                                .sorted((x, y) -> x.receivedAt().compareTo(y.receivedAt())).toList();
                        for (StoredEvent e : fresh) {
                            write.accept(s, StreamMessages.event(device, e));
                            s.watch(device, e.receivedAt());
                        }
                    });
        }
    }
}
