package org.communityhub.geo.nearest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.communityhub.geo.port.NearbyFacility;

/**
 * An immutable in-memory snapshot of every facility, bucketed in a grid of 0.01° cells (one grid
 * for all, one per category), answering "the k nearest facilities" exactly in ellipsoidal metres.
 *
 * <p>Search visits rings of cells around the query point, measuring each facility with
 * {@link Geodesic}, and stops once no unvisited cell can hold anything nearer than the k-th found
 * (a lower bound on the metres to the next ring, with 1 % to spare), or beyond the radius, or when
 * every occupied cell has been seen. A query whose answer lies further than {@link #MAX_RINGS}
 * rings (about 65 km) is not answered here ({@link Optional#empty()}) and goes to the database.
 * Cost: typically a few dozen cells and a few hundred distances, tens of microseconds.
 * Building one costs about a second per million facilities. Thread-safe (immutable).
 */
public final class FacilityGrid {

    static final double CELL = 0.01;
    static final int MAX_RINGS = 60;
    /** Metres per degree of latitude, at least (the meridian is shortest at the equator). */
    private static final double MIN_METRES_PER_DEGREE_LAT = 110_574;
    /** Metres per degree of longitude at the equator (times cos(latitude) elsewhere). */
    private static final double METRES_PER_DEGREE_LON_EQUATOR = 111_319.49;
    private static final double SAFETY = 0.99;

    private final List<NearbyFacility> facilities;
    private final Cells all;
    private final Map<String, Cells> byCategory;

    private FacilityGrid(List<NearbyFacility> facilities, Cells all, Map<String, Cells> byCategory) {
        this.facilities = facilities;
        this.all = all;
        this.byCategory = byCategory;
    }

    /** Indexes {@code facilities} (their distance fields are ignored). */
    public static FacilityGrid of(List<NearbyFacility> facilities) {
        List<NearbyFacility> copy = List.copyOf(facilities);
        Map<Long, List<Integer>> allCells = new HashMap<>();
        Map<String, Map<Long, List<Integer>>> categoryCells = new HashMap<>();
        for (int i = 0; i < copy.size(); i++) {
            NearbyFacility f = copy.get(i);
            long key = key(cell(f.lon()), cell(f.lat()));
            allCells.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            categoryCells.computeIfAbsent(f.category(), c -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                    .add(i);
        }
        Map<String, Cells> byCategory = new HashMap<>();
        categoryCells.forEach((c, cells) -> byCategory.put(c, Cells.of(cells)));
        return new FacilityGrid(copy, Cells.of(allCells), byCategory);
    }

    public int size() {
        return facilities.size();
    }

    /**
     * The {@code limit} facilities nearest to the point, nearest first (ties by code), with their
     * distances; or empty when the answer may lie beyond {@link #MAX_RINGS} rings.
     *
     * @param category only this category, or null for all
     * @param radiusMetres only within this distance (inclusive), or null
     */
    public Optional<List<NearbyFacility>> nearest(double lon, double lat, String category, int limit, Double radiusMetres) {
        Cells cells = category == null ? all : byCategory.get(category);
        if (cells == null) {
            return Optional.of(List.of());
        }
        NearestList best = new NearestList(limit);
        int cx = cell(lon);
        int cy = cell(lat);
        // How far the query point is from the edges of its own cell, in degrees.
        double edge = Math.min(Math.min(lon - cx * CELL, (cx + 1) * CELL - lon),
                Math.min(lat - cy * CELL, (cy + 1) * CELL - lat));
        for (int r = 0; ; r++) {
            if (r > 0) {
                double degrees = Math.max(0, edge) + (r - 1) * CELL;
                // Beyond the box a facility is `degrees` away in latitude, or in longitude while less than
                // that in latitude (so at most |lat| + r cells from the equator).
                double maxLat = Math.min(89.9, Math.abs(lat) + (r + 1) * CELL);
                double metres = SAFETY * degrees
                        * Math.min(MIN_METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LON_EQUATOR * Math.cos(Math.toRadians(maxLat)));
                if (best.full() && metres > best.worst() || radiusMetres != null && metres > radiusMetres
                        || cells.inside(cx - r + 1, cy - r + 1, cx + r - 1, cy + r - 1)) {
                    return Optional.of(best.toList());
                }
            }
            if (r > MAX_RINGS) {
                return Optional.empty();
            }
            scanRing(cells, cx, cy, r, lon, lat, radiusMetres, best);
        }
    }

    private void scanRing(Cells cells, int cx, int cy, int r, double lon, double lat, Double radius, NearestList best) {
        for (int x = cx - r; x <= cx + r; x++) {
            boolean side = x == cx - r || x == cx + r;
            for (int y = cy - r; y <= cy + r; y += side || r == 0 ? 1 : 2 * r) {
                int[] members = cells.get(x, y);
                if (members == null) {
                    continue;
                }
                for (int i : members) {
                    NearbyFacility f = facilities.get(i);
                    double d = Geodesic.distance(lon, lat, f.lon(), f.lat());
                    if (radius == null || d <= radius) {
                        best.offer(f, d);
                    }
                }
            }
        }
    }

    static int cell(double degrees) {
        return (int) Math.floor(degrees / CELL);
    }

    static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xffffffffL);
    }

    /** Occupied cells and the box that holds them all. */
    private record Cells(Map<Long, int[]> members, int minX, int minY, int maxX, int maxY) {

        static Cells of(Map<Long, List<Integer>> lists) {
            Map<Long, int[]> members = new HashMap<>(lists.size() * 2);
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = Integer.MIN_VALUE;
            int maxY = Integer.MIN_VALUE;
            for (var e : lists.entrySet()) {
                members.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
                int x = (int) (e.getKey() >> 32);
                int y = (int) (long) e.getKey();
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
            return new Cells(members, minX, minY, maxX, maxY);
        }

        int[] get(int x, int y) {
            return members.get(key(x, y));
        }

        /** True when every occupied cell lies within the box (so a search of it has seen everything). */
        boolean inside(int x0, int y0, int x1, int y1) {
            return x0 <= minX && y0 <= minY && x1 >= maxX && y1 >= maxY;
        }
    }
}
