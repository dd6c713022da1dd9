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
        return HubExtension.with(Map.of("HUB_TILE_URL", DEAD_TILES, "HUB_TILE_NAME", "OSM (offline in tests)"));
    }
}
