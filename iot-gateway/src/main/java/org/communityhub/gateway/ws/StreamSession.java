package org.communityhub.gateway.ws;

import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.communityhub.gateway.auth.Principal;

/**
 * One connected stream client: who it is, the newest alert change it was sent (per alert, so a
 * catch-up and a live notification never send the same change twice), the device it watches and
 * the connection slot it holds. Used on the event loop only (the slot itself is thread-safe).
 */
final class StreamSession {

    private static final int TRACKED_ALERTS = 5000;

    private final ServerWebSocket socket;
    private final Principal principal;
    private final ConnectionLimit.Slot slot;
    private final Map<Long, Long> sentSeq = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > TRACKED_ALERTS;
        }
    };
    private long lastSeq = -1;
    private String watchedDevice;
    private Instant watchedSince;
    private boolean polling;

    StreamSession(ServerWebSocket socket, Principal principal, ConnectionLimit.Slot slot) {
        this.socket = socket;
        this.principal = principal;
        this.slot = slot;
    }

    ServerWebSocket socket() {
        return socket;
    }

    Principal principal() {
        return principal;
    }

    ConnectionLimit.Slot slot() {
        return slot;
    }

    long lastSeqSent(long alertId) {
        return sentSeq.getOrDefault(alertId, -1L);
    }

    void sent(long alertId, long seq) {
        sentSeq.put(alertId, seq);
        lastSeq = Math.max(lastSeq, seq);
    }

    long lastSeq() {
        return lastSeq;
    }

    void watch(String device, Instant since) {
        watchedDevice = device;
        watchedSince = since;
    }

    String watchedDevice() {
        return watchedDevice;
    }

    Instant watchedSince() {
        return watchedSince;
    }

    boolean startPoll() {
        if (polling) {
            return false;
        }
        polling = true;
        return true;
    }

    void endPoll() {
        polling = false;
    }
}
