package org.communityhub.geo.port;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One polygon of the spatial hierarchy as the in-memory locate index needs it: its layer, code,
 * display name, the code of the level above (a building's compound, a compound's or grid's community;
 * null for a community or when unknown) and its WGS-84 geometry. Immutable (the geometry must not be
 * changed once handed over); thread-safe.
 */
public record Area(Level level, String code, String name, String parentCode, Geometry geometry) {

    /** The layers {@link GeoQueries#locate} answers with. */
    public enum Level { COMMUNITY, COMPOUND, BUILDING, GRID }

    public Area {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(geometry, "geometry");
    }
}
