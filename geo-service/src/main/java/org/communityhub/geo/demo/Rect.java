package org.communityhub.geo.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** An axis-aligned rectangle in the local metre plane ({@code x0 < x1}, {@code y0 < y1}). Immutable. */
record Rect(double x0, double y0, double x1, double y1) {

    Rect {
        if (!(x0 < x1 && y0 < y1)) {
            throw new IllegalArgumentException("empty rectangle " + x0 + "," + y0 + " " + x1 + "," + y1);
        }
    }

    double width() {
        return x1 - x0;
    }

    double height() {
        return y1 - y0;
    }

    double centerX() {
        return (x0 + x1) / 2;
    }

    double centerY() {
        return (y0 + y1) / 2;
    }

    Rect inset(double d) {
        return new Rect(x0 + d, y0 + d, x1 - d, y1 - d);
    }

    Rect inset(double south, double east, double north, double west) {
        return new Rect(x0 + west, y0 + south, x1 - east, y1 - north);
    }

    double edgeLength(Side side) {
        return side == Side.SOUTH || side == Side.NORTH ? width() : height();
    }

    /** The point at fraction {@code t} along {@code side} (west→east or south→north), moved {@code inward} metres in. */
    LocalPoint edgePoint(Side side, double t, double inward) {
        return switch (side) {
            case SOUTH -> new LocalPoint(x0 + t * width(), y0 + inward);
            case NORTH -> new LocalPoint(x0 + t * width(), y1 - inward);
            case WEST -> new LocalPoint(x0 + inward, y0 + t * height());
            case EAST -> new LocalPoint(x1 - inward, y0 + t * height());
        };
    }

    /**
     * This rectangle with corners cut off, counter-clockwise from the south-west corner.
     *
     * @param chamfers leg length of the cut at the SW, SE, NE and NW corners (0 = square corner)
     */
    Polygon chamfered(GeometryFactory factory, double[] chamfers) {
        Coordinate[] ring = new Coordinate[9];
        int n = 0;
        n = corner(ring, n, chamfers[0], new Coordinate(x0, y0 + chamfers[0]), new Coordinate(x0 + chamfers[0], y0));
        n = corner(ring, n, chamfers[1], new Coordinate(x1 - chamfers[1], y0), new Coordinate(x1, y0 + chamfers[1]));
        n = corner(ring, n, chamfers[2], new Coordinate(x1, y1 - chamfers[2]), new Coordinate(x1 - chamfers[2], y1));
        n = corner(ring, n, chamfers[3], new Coordinate(x0 + chamfers[3], y1), new Coordinate(x0, y1 - chamfers[3]));
        ring[n++] = new Coordinate(ring[0]);
        Coordinate[] closed = new Coordinate[n];
        System.arraycopy(ring, 0, closed, 0, n);
        return factory.createPolygon(closed);
    }

    private static int corner(Coordinate[] ring, int n, double chamfer, Coordinate in, Coordinate out) {
        if (chamfer > 0) {
            ring[n] = in;
            ring[n + 1] = out;
            return n + 2;
        }
        // Without a cut both points are the corner itself.
        ring[n] = in;
        return n + 1;
    }
}
