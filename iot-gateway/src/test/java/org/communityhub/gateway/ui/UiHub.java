package org.communityhub.gateway.ui;

import java.util.Map;
import org.communityhub.gateway.testing.HubExtension;

/** The hub for browser tests: the fixture hub with map tiles pointed at a closed local port, so they fail at once. */
final class UiHub {

    static final String DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png";

    private UiHub() {
    }

    /** A {@link HubExtension} for a browser test class (register it on a static field). */
    static HubExtension extension() {
        return extension(Map.of());
    }

    /** As {@link #extension()} with more {@code HUB_*} settings. */
    static HubExtension extension(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("HUB_TILE_URL", DEAD_TILES);
        env.put("HUB_TILE_NAME", "OSM (offline in tests)");
        return HubExtension.with(env);
    }
}
