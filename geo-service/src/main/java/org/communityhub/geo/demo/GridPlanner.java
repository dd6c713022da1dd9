package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The grids (网格) of one demo community: rectangles that tile the community's inner area (its area less
 * {@link #STREET_BAND} metres along the outline, where the street office's own 城管 work lies) along the
 * compound slots' column and row boundaries, so that every compound lies wholly in one grid. The area is
 * split into a west and an east half at the middle column boundary; each half is cut once more between slot
 * rows, except the west half of every third community (3 or 4 grids a community). Grids share edges but never
 * overlap. Uses no random numbers, so adding grids left the rest of the generated subdistrict unchanged.
 * Stateless and thread-safe; O(1) per community.
 */
final class GridPlanner {

    /**
     * Distance from the community's (unchamfered) area to its grids: more than half the largest corner cut, so
     * that each grid corner stays inside a chamfered outline, and less than the slot margin, so that the
     * compounds are inside grids.
     */
    static final double STREET_BAND = 35;

    private static final String[] NUMERALS = {"一", "二", "三", "四"};

    private GridPlanner() {
    }

    /**
     * The grids of community {@code k}.
     *
     * @param area the community's area before its corners are cut
     * @param slots the compound slots, row-major from the north-west (4 columns × 3 rows)
     */
    static List<DemoFeature.Grid> plan(GeometryFactory factory, int k, String communityCode, String communityName,
                                       Rect area, List<Rect> slots) {
        Rect region = area.inset(STREET_BAND);
        double middle = slots.get(2).x0();
        double northCut = slots.get(0).y0();
        double southCut = slots.get(4).y0();
        List<Rect> cells = new ArrayList<>();
        if (k % 3 == 0) {
            cells.add(new Rect(region.x0(), region.y0(), middle, region.y1()));
        } else {
            cells.add(new Rect(region.x0(), southCut, middle, region.y1()));
            cells.add(new Rect(region.x0(), region.y0(), middle, southCut));
        }
        cells.add(new Rect(middle, northCut, region.x1(), region.y1()));
        cells.add(new Rect(middle, region.y0(), region.x1(), northCut));
        List<DemoFeature.Grid> grids = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            String code = String.format(Locale.ROOT, "%s-g%d", communityCode, i + 1);
            grids.add(new DemoFeature.Grid(code, communityName + "第" + NUMERALS[i] + "网格", communityCode,
                    cells.get(i).chamfered(factory, new double[4])));
        }
        return grids;
    }
}
