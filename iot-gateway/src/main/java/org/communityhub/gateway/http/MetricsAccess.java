package org.communityhub.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.communityhub.gateway.config.HubConfig;

/**
 * Who may read {@code /metrics}: a direct loopback peer (127.0.0.0/8 or ::1, and no {@code Forwarded},
 * {@code X-Forwarded-For} or {@code X-Real-IP} header, so a reverse proxy on the same host does not make
 * every client local), or, when {@code HUB_METRICS_TOKEN} is set, anyone presenting
 * {@code Authorization: Bearer <that token>} (compared in constant time). Immutable and thread-safe;
 * costs a header lookup and, for an IP literal, no name resolution.
 */
final class MetricsAccess {

    private final byte[] token;

    MetricsAccess(HubConfig.Secret token) {
        this.token = token != null && token.isPresent() ? token.value().getBytes(StandardCharsets.UTF_8) : null;
    }

    boolean allows(HttpServerRequest request) {
        if (directLoopback(request)) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (token == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The message of the 403 for a caller that may not read the metrics. */
    String refusal() {
        return token == null ? "/metrics is served to loopback clients only"
                : "/metrics needs Authorization: Bearer <HUB_METRICS_TOKEN> from other than loopback clients";
    }

    private static boolean directLoopback(HttpServerRequest request) {
        if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Real-IP") != null) {
            return false;
        }
        SocketAddress peer = request.remoteAddress();
        String ip = peer == null ? null : peer.hostAddress();
        if (ip == null || !ip.matches("[0-9A-Fa-f:.%a-z]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
