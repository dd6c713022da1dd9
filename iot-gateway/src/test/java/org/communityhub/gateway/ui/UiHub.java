package org.communityhub.gateway.ui;

import java.util.Map;
import org.communityhub.gateway.testing.HubFixture;

/** The hub for browser tests: the fixture hub with map tiles pointed at a closed local port, so they fail at once. */
final class UiHub {

    static final String DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png";

    private UiHub() {
    }

    static HubFixture start() throws Exception {
        return HubFixture.start(Map.of("HUB_TILE_URL", DEAD_TILES, "HUB_TILE_NAME", "OSM (offline in tests)"));
    }
}
