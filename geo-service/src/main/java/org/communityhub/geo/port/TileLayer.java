package org.communityhub.geo.port;

import java.util.Locale;
import java.util.Optional;

/**
 * Layers served as Mapbox vector tiles; {@link #id()} is the path segment and the MVT layer name.
 * Below a layer's {@link #minZoom()} its tiles are empty without a query: one tile would cover so
 * much that rendering it costs seconds of database time for a picture no map shows at that scale.
 */
public enum TileLayer {
    /** Building footprints: from zoom 14 (about 2 km across a tile at 30° N). */
    BUILDINGS(14),
    /** Facility points: from zoom 12. */
    FACILITIES(12);

    private final int minZoom;

    TileLayer(int minZoom) {
        this.minZoom = minZoom;
    }

    /** The lowest zoom at which this layer has content; lower zooms are always empty tiles. */
    public int minZoom() {
        return minZoom;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TileLayer> parse(String id) {
        for (TileLayer t : values()) {
            if (t.id().equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
