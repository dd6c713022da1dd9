package org.communityhub.geo.nearest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.communityhub.geo.port.NearbyFacility;

/**
 * One grid of {@link FacilityGrid}: square cells of {@code cell} degrees, only the occupied ones
 * stored (facility positions in the snapshot's list), and the box that holds them all. The cell
 * size fits the data: about {@link #TARGET_PER_CELL} facilities per cell over the central 98 % of
 * their longitudes and latitudes (so a few far-away outliers do not coarsen a dense city).
 * An empty grid (a database with no facilities yet) has an empty box: every search ends at once.
 * Immutable; thread-safe.
 */
record GridCells(double cell, Map<Long, int[]> members, int minX, int minY, int maxX, int maxY) {

    static final int TARGET_PER_CELL = 8;
    private static final double MIN_CELL = 0.0005;
    private static final double MAX_CELL = 0.05;

    static GridCells of(List<Integer> indexes, List<NearbyFacility> facilities) {
        double cell = cellSize(indexes, facilities);
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (int i : indexes) {
            NearbyFacility f = facilities.get(i);
            lists.computeIfAbsent(key(index(f.lon(), cell), index(f.lat(), cell)), k -> new ArrayList<>()).add(i);
        }
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
        return new GridCells(cell, members, minX, minY, maxX, maxY);
    }

    private static double cellSize(List<Integer> indexes, List<NearbyFacility> facilities) {
        int n = indexes.size();
        if (n == 0) {
            return MAX_CELL; // an empty grid (no facilities yet): any size serves, nothing is stored
        }
        double[] lons = new double[n];
        double[] lats = new double[n];
        for (int k = 0; k < n; k++) {
            lons[k] = facilities.get(indexes.get(k)).lon();
            lats[k] = facilities.get(indexes.get(k)).lat();
        }
        Arrays.sort(lons);
        Arrays.sort(lats);
        int lo = n / 100;
        int hi = n - 1 - n / 100;
        double area = Math.max(lons[hi] - lons[lo], MIN_CELL) * Math.max(lats[hi] - lats[lo], MIN_CELL);
        double cell = Math.sqrt(area * TARGET_PER_CELL / Math.max(1, n));
        return Math.min(MAX_CELL, Math.max(MIN_CELL, cell));
    }

    int index(double degrees) {
        return index(degrees, cell);
    }

    private static int index(double degrees, double cell) {
        return (int) Math.floor(degrees / cell);
    }

    static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xffffffffL);
    }

    int[] get(int x, int y) {
        return members.get(key(x, y));
    }

    /** True when every occupied cell lies within the box (so a search of it has seen everything). */
    boolean inside(int x0, int y0, int x1, int y1) {
        return x0 <= minX && y0 <= minY && x1 >= maxX && y1 >= maxY;
    }
}
