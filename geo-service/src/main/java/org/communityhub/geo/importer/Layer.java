package org.communityhub.geo.importer;

import java.util.Locale;
import java.util.Optional;

/**
 * The six kinds of imported feature, declared in the order an import applies them: parents
 * before children, whatever the order of the file. A grid (网格) is a work area of a community's grid
 * workers; grids of one community do not overlap.
 */
public enum Layer {
    COMMUNITY, COMPOUND, BUILDING, GRID, FACILITY, DEVICE;

    /** The value of the {@code layer} property, e.g. {@code building}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Community, compound, building and grid are (Multi)Polygons; facility and device are Points. */
    public boolean isArea() {
        return this == COMMUNITY || this == COMPOUND || this == BUILDING || this == GRID;
    }

    /** The layer a compound, grid or building must lie in, or empty for the others. */
    public Optional<Layer> parentLayer() {
        return switch (this) {
            case COMPOUND, GRID -> Optional.of(COMMUNITY);
            case BUILDING -> Optional.of(COMPOUND);
            default -> Optional.empty();
        };
    }

    /** The layer named by an exact lower-case {@code layer} property, or empty. */
    public static Optional<Layer> parse(String text) {
        for (Layer layer : values()) {
            if (layer.code().equals(text)) {
                return Optional.of(layer);
            }
        }
        return Optional.empty();
    }
}
