package org.communityhub.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;
import org.communityhub.gateway.config.TrustedProxies;

/**
 * The base of links the hub hands out for people to open elsewhere (the grids' QR codes): {@code HUB_PUBLIC_URL}
 * when it is configured, as {@code ./hub grids qr-sheet --url} does; otherwise the origin the request was made
 * to: its {@code Host} (a host name or address literal with an optional port, else {@code localhost}) and its
 * scheme, or {@code X-Forwarded-Proto} ({@code http} or {@code https}) when the TCP peer is one of
 * {@code HUB_TRUSTED_PROXIES} (a TLS-terminating proxy forwards plain HTTP), as the client address is resolved.
 * A request-derived base is marked {@link Origin#fromRequest()}: whatever names it must not be cached for anyone
 * else. Immutable, thread-safe.
 */
public final class PublicOrigin {

    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?::[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](?::[0-9]{1,5})?");

    /** A base without a trailing slash; {@code fromRequest} when it came from the request, not the configuration. */
    public record Origin(String base, boolean fromRequest) {
    }

    private final String configured;
    private final TrustedProxies proxies;

    /**
     * @param configured {@code HUB_PUBLIC_URL}, or null when it is not configured
     * @param proxies    whose {@code X-Forwarded-Proto} is believed
     */
    public PublicOrigin(String configured, TrustedProxies proxies) {
        this.configured = configured == null ? null
                : configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.proxies = proxies;
    }

    Origin of(RoutingContext ctx) {
        var request = ctx.request();
        var authority = request.authority();
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return of(peer, request.scheme(), authority == null ? null : authority.toString(),
                request.getHeader("X-Forwarded-Proto"));
    }

    /**
     * @param peer           the TCP peer's address
     * @param scheme         the connection's scheme ({@code http} or {@code https})
     * @param host           the request's {@code Host} (may be null)
     * @param forwardedProto the {@code X-Forwarded-Proto} header (may be null)
     */
    Origin of(String peer, String scheme, String host, String forwardedProto) {
        if (configured != null) {
            return new Origin(configured, false);
        }
        String s = "https".equals(scheme) ? "https" : "http";
        if (forwardedProto != null && peer != null && proxies.trusts(peer)) {
            String first = forwardedProto.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (first.equals("http") || first.equals("https")) {
                s = first;
            }
        }
        String h = host != null && HOST.matcher(host).matches() ? host : "localhost";
        return new Origin(s + "://" + h, true);
    }
}
