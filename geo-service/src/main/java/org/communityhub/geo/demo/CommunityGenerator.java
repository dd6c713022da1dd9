package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Generates one community (社区) of the demo subdistrict from its own random stream: the outline
 * (its cell less a road, corners sometimes cut), its grids ({@link GridPlanner}), 12 slots of which 10 or 11
 * hold compounds, and
 * the community's public facilities (service station, clinic, elderly care, kindergartens,
 * vaccination) in a slot left free. Cost: O(features of the community); memory: that community
 * only. Thread-safe (no mutable state).
 */
final class CommunityGenerator {

    /** Half the road between neighbouring communities. */
    private static final double ROAD = 25;
    /** Distance from the community outline to the compound slots (more than any corner cut). */
    private static final double SLOT_MARGIN = 45;
    private static final double MAX_CORNER_CUT = 60;
    private static final int SLOT_COLUMNS = 4;
    private static final int SLOT_ROWS = 3;

    private final GeometryFactory factory;
    private final SubdistrictLayout layout;
    private final CompoundGenerator compounds;
    private final long seed;

    CommunityGenerator(GeometryFactory factory, SubdistrictLayout layout, long seed) {
        this.factory = factory;
        this.layout = layout;
        this.compounds = new CompoundGenerator(factory);
        this.seed = seed;
    }

    /** All features of community {@code k} (0-based), parents before children. */
    List<DemoFeature> generate(int k) {
        SplittableRandom rnd = SubdistrictLayout.random(seed, k);
        String code = layout.communityCode(k);
        String name = ChineseNames.community(k);
        Rect area = layout.cell(k).inset(ROAD);
        double[] cuts = new double[4];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = rnd.nextDouble() < 0.5 ? rnd.nextDouble(10, MAX_CORNER_CUT) : 0;
        }
        Polygon outline = area.chamfered(factory, cuts);
        CommunityOutput out = new CommunityOutput(code, rnd);
        out.hierarchy(new DemoFeature.Community(code, name, outline));
        List<Rect> slots = slots(area.inset(SLOT_MARGIN), rnd);
        GridPlanner.plan(factory, k, code, name, area, slots).forEach(out::hierarchy);
        int compoundCount = layout.compoundsIn(k);
        int[] order = RandomPicks.permutation(slots.size(), rnd);
        boolean[] free = new boolean[slots.size()];
        List<Rect> freeSlots = new ArrayList<>();
        for (int i = 0; i < slots.size() - compoundCount; i++) {
            free[order[i]] = true;
        }
        List<String> names = ChineseNames.compounds(compoundCount, rnd);
        int q = 0;
        for (int i = 0; i < slots.size(); i++) {
            if (free[i]) {
                freeSlots.add(slots.get(i));
            } else {
                compounds.generate(out, q + 1, names.get(q), slots.get(i), rnd);
                q++;
            }
        }
        publicFacilities(out, name, freeSlots, k % 2 == 0, rnd);
        return out.features();
    }

    /** The slot grid, columns and rows of jittered size, row 0 to the north. */
    private static List<Rect> slots(Rect region, SplittableRandom rnd) {
        double[] xs = cuts(region.x0(), region.x1(), SLOT_COLUMNS, rnd);
        double[] ys = cuts(region.y0(), region.y1(), SLOT_ROWS, rnd);
        List<Rect> out = new ArrayList<>(SLOT_COLUMNS * SLOT_ROWS);
        for (int row = SLOT_ROWS - 1; row >= 0; row--) {
            for (int column = 0; column < SLOT_COLUMNS; column++) {
                out.add(new Rect(xs[column], ys[row], xs[column + 1], ys[row + 1]));
            }
        }
        return out;
    }

    /** {@code parts + 1} ascending boundaries from {@code lo} to {@code hi}, each part within ±12% of average. */
    private static double[] cuts(double lo, double hi, int parts, SplittableRandom rnd) {
        double[] weights = new double[parts];
        double total = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = rnd.nextDouble(0.88, 1.12);
            total += weights[i];
        }
        double[] out = new double[parts + 1];
        out[0] = lo;
        for (int i = 0; i < parts; i++) {
            out[i + 1] = out[i] + (hi - lo) * weights[i] / total;
        }
        out[parts] = hi;
        return out;
    }

    /** The community's own facilities on a 3 × 3 grid in the first free slot; a second kindergarten maybe. */
    private static void publicFacilities(CommunityOutput out, String community, List<Rect> freeSlots, boolean vaccination,
            SplittableRandom rnd) {
        Rect square = freeSlots.get(0).inset(30);
        out.facility(community + "党群服务中心", FacilityCategory.SERVICE_STATION, null, gridPoint(square, 0));
        out.facility(community + "社康中心", FacilityCategory.CLINIC, null, gridPoint(square, 1));
        out.facility("AED（" + community + "社康中心）", FacilityCategory.AED, null, gridPoint(square, 1).plus(6, 0));
        out.facility(community + "长者服务中心", FacilityCategory.ELDERLY_CARE, null, gridPoint(square, 2));
        out.facility(community + "幼儿园", FacilityCategory.KINDERGARTEN, null, gridPoint(square, 3));
        if (vaccination) {
            out.facility(community + "疫苗接种点", FacilityCategory.VACCINATION, null, gridPoint(square, 4));
        }
        if (rnd.nextDouble() < 0.5) {
            LocalPoint second = freeSlots.size() > 1
                    ? new LocalPoint(freeSlots.get(1).centerX(), freeSlots.get(1).centerY()) : gridPoint(square, 5);
            out.facility(community + "第二幼儿园", FacilityCategory.KINDERGARTEN, null, second);
        }
    }

    private static LocalPoint gridPoint(Rect square, int i) {
        double x = square.x0() + (i % 3 + 0.5) * square.width() / 3;
        double y = square.y0() + (i / 3 + 0.5) * square.height() / 3;
        return new LocalPoint(x, y);
    }
}
