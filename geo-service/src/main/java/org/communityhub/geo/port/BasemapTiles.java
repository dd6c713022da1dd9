package org.communityhub.geo.port;

import java.util.Optional;

/**
 * A basemap of pre-rendered tiles kept by the hub (e.g. an MBTiles file), addressed in the XYZ scheme of web
 * maps: row 0 at the north. Implementations are thread-safe; {@link #tile} reads storage, so it blocks.
 */
public interface BasemapTiles {

    /** The highest zoom a tile address may have (2^24 tiles a side). */
    int MAX_ZOOM = 24;

    /** The basemap's description; known from the start, so cheap. */
    BasemapInfo info();

    /**
     * The stored bytes of tile {@code z/x/y} (XYZ, {@code 0 <= x, y < 2^z}), exactly as kept (vector tiles may be
     * gzipped), or empty when the basemap has no such tile. Blocking: one indexed lookup; never call it on an
     * event loop.
     */
    Optional<byte[]> tile(int z, int x, int y);
}
