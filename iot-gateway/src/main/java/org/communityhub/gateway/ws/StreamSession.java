package org.communityhub.gateway.ws;

import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.communityhub.gateway.auth.Principal;
import org.communityhub.gateway.auth.Token;

/**
 * One connected stream client: who it is (its token, re-checked while it is open), the newest alert
 * change it was sent (per alert, so a catch-up and a live notification never send the same change
 * twice), the device it watches, the rate of its messages and the connection slots it holds (the
 * stream's and its login's). Used on the event loop only (the slots themselves are thread-safe).
 */
final class StreamSession {

    private static final int TRACKED_ALERTS = 5000;

    private final ServerWebSocket socket;
    private final Token token;
    private final ConnectionLimit.Slot slot;
    private final UserConnections.Slot userSlot;
    private final MessageRate rate;
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

    StreamSession(ServerWebSocket socket, Token token, ConnectionLimit.Slot slot, UserConnections.Slot userSlot,
                  MessageRate rate) {
        this.socket = socket;
        this.token = token;
        this.slot = slot;
        this.userSlot = userSlot;
        this.rate = rate;
    }

    ServerWebSocket socket() {
        return socket;
    }

    Principal principal() {
        return token.principal();
    }

    Token token() {
        return token;
    }

    /** Gives back both slots (idempotent). */
    void releaseSlots() {
        slot.release();
        userSlot.release();
    }

    /** Whether one more message from the client is within its rate. */
    boolean allowMessage(long nowNanos) {
        return rate.tryTake(nowNanos);
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
