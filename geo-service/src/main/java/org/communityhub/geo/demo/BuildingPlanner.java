package org.communityhub.geo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Lays building footprints out inside a compound: the compound's rectangle, less a margin, is cut
 * into a grid of cells and each used cell gets one turned rectangle or L-shape (sides 15–60 m) that
 * keeps {@link #CELL_GAP} metres from the cell edge, so footprints never touch, and at least
 * {@link #COMPOUND_MARGIN} metres from the compound outline. Cost: O(cells). Stateless.
 */
final class BuildingPlanner {

    static final double COMPOUND_MARGIN = 12;
    static final double CELL_GAP = 4;
    static final double MIN_SIDE = 15;
    static final double MAX_SIDE = 60;
    private static final double MIN_L_SIDE = 26;

    private final GeometryFactory factory;

    BuildingPlanner(GeometryFactory factory) {
        this.factory = factory;
    }

    /**
     * Up to {@code wanted} footprints in reading order (north-west first).
     *
     * @param outline the compound polygon (within {@code base}, maybe with a cut corner)
     * @param base the compound's bounding rectangle
     */
    List<Footprint> plan(Polygon outline, Rect base, int wanted, SplittableRandom rnd) {
        Rect inner = base.inset(COMPOUND_MARGIN);
        int capacity = wanted + 3 + rnd.nextInt(3);
        int columns = Math.max(1, (int) Math.round(Math.sqrt(capacity * inner.width() / inner.height())));
        int rows = (capacity + columns - 1) / columns;
        double theta = Math.toRadians(rnd.nextDouble(-12, 12));
        Footprint[] byCell = new Footprint[columns * rows];
        int placed = 0;
        for (int index : RandomPicks.permutation(columns * rows, rnd)) {
            if (placed == wanted) {
                break;
            }
            Footprint footprint = fit(cell(inner, columns, rows, index), theta, rnd);
            if (footprint != null && clearOf(outline, footprint)) {
                byCell[index] = footprint;
                placed++;
            }
        }
        List<Footprint> out = new ArrayList<>(placed);
        for (Footprint footprint : byCell) {
            if (footprint != null) {
                out.add(footprint);
            }
        }
        return out;
    }

    private static Rect cell(Rect inner, int columns, int rows, int index) {
        double w = inner.width() / columns;
        double h = inner.height() / rows;
        int column = index % columns;
        int row = index / columns;
        double top = inner.y1() - row * h;
        return new Rect(inner.x0() + column * w, top - h, inner.x0() + (column + 1) * w, top);
    }

    /** A footprint inside {@code cell} less the gap, or null when the cell is too small. */
    private static Footprint fit(Rect cell, double compoundTheta, SplittableRandom rnd) {
        boolean lShape = rnd.nextDouble() < 0.22;
        double longSide = lShape ? rnd.nextDouble(32, 56) : rnd.nextDouble(20, MAX_SIDE);
        double shortSide = lShape ? rnd.nextDouble(28, Math.min(longSide, 44)) : rnd.nextDouble(MIN_SIDE, Math.min(longSide, 34));
        boolean northSouth = rnd.nextDouble() < 0.3;
        double theta = compoundTheta + Math.toRadians(rnd.nextDouble(-3, 3));
        Footprint probe = new Footprint(0, 0, northSouth ? shortSide : longSide, northSouth ? longSide : shortSide, 0, 0, theta);
        double availableX = cell.width() - 2 * CELL_GAP;
        double availableY = cell.height() - 2 * CELL_GAP;
        double shrink = Math.min(1, Math.min(availableX / (2 * probe.halfExtentX()), availableY / (2 * probe.halfExtentY())));
        double width = probe.width() * shrink * 0.999;
        double height = probe.height() * shrink * 0.999;
        if (Math.min(width, height) < MIN_SIDE) {
            return null;
        }
        boolean cut = lShape && Math.min(width, height) >= MIN_L_SIDE;
        double cutWidth = cut ? width * rnd.nextDouble(0.38, 0.5) : 0;
        double cutHeight = cut ? height * rnd.nextDouble(0.38, 0.5) : 0;
        Footprint sized = new Footprint(0, 0, width, height, cutWidth, cutHeight, theta);
        double slackX = Math.max(0, availableX - 2 * sized.halfExtentX());
        double slackY = Math.max(0, availableY - 2 * sized.halfExtentY());
        double cx = cell.centerX() + (rnd.nextDouble() - 0.5) * 0.8 * slackX;
        double cy = cell.centerY() + (rnd.nextDouble() - 0.5) * 0.8 * slackY;
        return new Footprint(cx, cy, width, height, cutWidth, cutHeight, theta);
    }

    /** Whether the footprint lies inside the outline at least the margin away from it (cut corners). */
    private boolean clearOf(Polygon outline, Footprint footprint) {
        Polygon shape = footprint.polygon(factory);
        return outline.contains(shape) && outline.getExteriorRing().distance(shape) >= COMPOUND_MARGIN - 0.01;
    }
}
