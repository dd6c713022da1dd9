package org.communityhub.gateway.http;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's Content-Security-Policy: scripts, styles, fetches and frames only from the hub itself;
 * the stream's WebSocket only to the host the page was loaded from ({@code ws://host} and
 * {@code wss://host}, from the request's {@code Host} header when it is a plain host[:port]); images
 * only from the hub, {@code data:}, {@code blob:} and the basemap's tile host (the configured
 * {@code HUB_TILE_URL}, with a <code>{s}</code> subdomain label widened to {@code *.}, plus
 * OpenStreetMap, the page's own fallback); forms post only to the hub; no framing, no
 * {@code <base>} elsewhere. Immutable and thread-safe; {@link #header} costs one regex match.
 */
public final class ContentSecurityPolicy {

    /** The basemap the page falls back to when it cannot read its configuration (map.js). */
    static final String FALLBACK_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    private static final Pattern URL = Pattern.compile("^(https?)://([^/?#]+)(?:[/?#].*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern PLAIN_HOST = Pattern.compile(
            "^(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$");

    private final String before;
    private final String after;

    private ContentSecurityPolicy(String imageSources) {
        this.before = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + imageSources + "; connect-src 'self'";
        this.after = "; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }

    /** The policy for a page whose basemap tiles come from {@code tileUrl} (a Leaflet URL template). */
    public static ContentSecurityPolicy forTiles(String tileUrl) {
        Set<String> sources = new LinkedHashSet<>();
        String configured = tileSource(tileUrl);
        if (configured != null) {
            sources.add(configured);
        }
        sources.add(tileSource(FALLBACK_TILES));
        StringBuilder out = new StringBuilder();
        sources.forEach(s -> out.append(' ').append(s));
        return new ContentSecurityPolicy(out.toString());
    }

    /** The header value for a page requested with {@code Host: host} (null or odd: no WebSocket source). */
    public String header(String host) {
        if (host == null || !PLAIN_HOST.matcher(host).matches()) {
            return before + after;
        }
        return before + " ws://" + host + " wss://" + host + after;
    }

    /**
     * The CSP source of a tile URL template: its scheme, host and port, with the labels up to one holding
     * a placeholder ({@code {s}}) widened to {@code *}; null when the template is not a plain http(s) URL.
     */
    static String tileSource(String tileUrl) {
        if (tileUrl == null) {
            return null;
        }
        Matcher m = URL.matcher(tileUrl.strip());
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2);
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            port = authority.substring(colon + 1);
            authority = authority.substring(0, colon);
            if (!port.matches("[0-9]{1,5}")) {
                return null;
            }
            port = ":" + port;
        }
        String[] labels = authority.split("\\.", -1);
        int lastTemplated = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].contains("{")) {
                lastTemplated = i;
            }
        }
        if (labels.length - (lastTemplated + 1) < 2 && lastTemplated >= 0) {
            return null; // a placeholder in the registrable domain: nothing narrower than any host would do
        }
        StringBuilder host = new StringBuilder(lastTemplated >= 0 ? "*" : "");
        for (int i = lastTemplated + 1; i < labels.length; i++) {
            if (!HOST_LABEL.matcher(labels[i]).matches()) {
                return null;
            }
            host.append(host.length() == 0 ? "" : ".").append(labels[i].toLowerCase(Locale.ROOT));
        }
        return scheme + "://" + host + port;
    }
}
