package org.communityhub.geo.port;

import java.util.Locale;
import java.util.Optional;

/** Layers served as Mapbox vector tiles; {@link #id()} is the path segment and the MVT layer name. */
public enum TileLayer {
    BUILDINGS, FACILITIES;

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
