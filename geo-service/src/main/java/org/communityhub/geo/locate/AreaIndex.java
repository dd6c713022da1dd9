package org.communityhub.geo.locate;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.geo.port.Area;
import org.communityhub.geo.port.Location;
import org.communityhub.geo.port.Named;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable in-memory snapshot of every community, compound, building and grid polygon that
 * answers "where does this point lie" exactly as the database's locate query ({@code GeoSql.LOCATE})
 * does: the building that covers the point (boundary included, the lowest code when several do); the
 * compound of that building, or, without a building, the covering compound; the community of that
 * compound, or, without one, the covering community; the community's covering grid. Codes (always
 * {@code [a-z0-9-]}) compare as Java strings, the byte order of the query's {@code COLLATE "C"}.
 *
 * <p>One R-tree (JTS {@link STRtree}) per level finds the polygons whose box holds the point; each
 * candidate is then tested exactly, small polygons by a plain ring walk, polygons of more than
 * {@value #INDEXED_FROM} vertices by an interval index built on first use. Cost per answer: four tree
 * descents and a few point-in-polygon tests, a few microseconds; no database, so it may run on an
 * event loop. Building one costs about a second per 100,000 polygons, and the geometries it keeps
 * (packed coordinates, ~16 bytes a vertex) plus the trees about 1 KB per small polygon.
 * Thread-safe: immutable once built (the lazily built per-polygon indexes are thread-safe).
 *
 * <p>Why in memory: measured in {@code bench/run geo} on a quiet machine, {@code /api/v1/locate} through
 * the SQL had p99 25 ms at 68 % of the same SQL run by pgbench (32 connections, 30,130 buildings): most
 * of the HTTP time was the wait for one of the public worker threads, and each request cost the hub about
 * as much CPU as the query cost PostgreSQL. The facility grid ({@code FacilityGrid}) had shown the way.
 */
public final class AreaIndex {

    /** Polygons with more vertices than this get an indexed point-in-polygon test. */
    static final int INDEXED_FROM = 64;
    private static final int EXTERIOR = org.locationtech.jts.geom.Location.EXTERIOR;

    private final Map<Area.Level, STRtree> trees = new EnumMap<>(Area.Level.class);
    private final Map<String, Area> compounds = new HashMap<>();
    private final Map<String, Area> communities = new HashMap<>();
    private final int size;

    private AreaIndex(Collection<Area> areas) {
        for (Area.Level level : Area.Level.values()) {
            trees.put(level, new STRtree());
        }
        for (Area a : areas) {
            PointOnGeometryLocator locator = a.geometry().getNumPoints() > INDEXED_FROM
                    ? new IndexedPointInAreaLocator(a.geometry()) : new SimplePointInAreaLocator(a.geometry());
            trees.get(a.level()).insert(a.geometry().getEnvelopeInternal(), new Entry(a, locator));
            if (a.level() == Area.Level.COMPOUND) {
                compounds.put(a.code(), a);
            } else if (a.level() == Area.Level.COMMUNITY) {
                communities.put(a.code(), a);
            }
        }
        trees.values().forEach(STRtree::build);
        size = areas.size();
    }

    /** Builds the index over these areas (their geometries are kept, not copied). */
    public static AreaIndex of(Collection<Area> areas) {
        return new AreaIndex(areas);
    }

    /** How many areas the index holds. */
    public int size() {
        return size;
    }

    /** Where the WGS-84 point lies (each level null when nothing covers it). */
    public Location locate(double lon, double lat) {
        Coordinate p = new Coordinate(lon, lat);
        Area building = covering(Area.Level.BUILDING, p, null);
        Area compound = building != null ? byCode(compounds, building.parentCode())
                : covering(Area.Level.COMPOUND, p, null);
        Area community = compound != null ? byCode(communities, compound.parentCode())
                : covering(Area.Level.COMMUNITY, p, null);
        Area grid = community == null ? null : covering(Area.Level.GRID, p, community.code());
        return new Location(named(community), named(compound), named(building), named(grid));
    }

    private static Area byCode(Map<String, Area> byCode, String code) {
        return code == null ? null : byCode.get(code);
    }

    /** The covering area of the level with the lowest code, only among children of {@code parent} when given. */
    private Area covering(Area.Level level, Coordinate p, String parent) {
        List<?> candidates = trees.get(level).query(new Envelope(p));
        Area best = null;
        for (Object o : candidates) {
            Entry e = (Entry) o;
            if (parent != null && !parent.equals(e.area().parentCode())) {
                continue;
            }
            if ((best == null || e.area().code().compareTo(best.code()) < 0) && e.locator().locate(p) != EXTERIOR) {
                best = e.area();
            }
        }
        return best;
    }

    private static Named named(Area a) {
        return a == null ? null : new Named(a.code(), a.name());
    }

    private record Entry(Area area, PointOnGeometryLocator locator) {
    }

    /** How many areas of each level the index holds (for the log line of a reload). */
    public Map<Area.Level, Integer> counts() {
        Map<Area.Level, Integer> counts = new EnumMap<>(Area.Level.class);
        for (Map.Entry<Area.Level, STRtree> e : trees.entrySet()) {
            counts.put(e.getKey(), e.getValue().size());
        }
        return counts;
    }
}
