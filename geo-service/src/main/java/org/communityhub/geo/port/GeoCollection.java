package org.communityhub.geo.port;

import java.util.Locale;
import java.util.Optional;

/** The OGC API Features collections the hub serves; {@link #id()} is the path segment. */
public enum GeoCollection {
    COMMUNITIES("Communities (社区)"),
    COMPOUNDS("Residential compounds (小区)"),
    BUILDINGS("Buildings (楼栋)"),
    GRIDS("Grids (网格)"),
    FACILITIES("Facilities and points of interest");

    private final String title;

    GeoCollection(String title) {
        this.title = title;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    public static Optional<GeoCollection> parse(String id) {
        for (GeoCollection c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
