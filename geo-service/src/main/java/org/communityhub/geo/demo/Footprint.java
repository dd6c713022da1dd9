package org.communityhub.geo.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A building footprint: a {@code width × height} rectangle centred on ({@code cx}, {@code cy}) and
 * turned by {@code theta} radians, optionally with its north-east corner cut away ({@code cutWidth ×
 * cutHeight}, each at most half a side) to make an L. The south-west quarter and the whole south
 * edge therefore always belong to the footprint. Immutable.
 */
record Footprint(double cx, double cy, double width, double height, double cutWidth, double cutHeight, double theta) {

    Footprint {
        if (cutWidth > width / 2 || cutHeight > height / 2 || cutWidth < 0 || cutHeight < 0) {
            throw new IllegalArgumentException("cut must be at most half of each side");
        }
    }

    /** The point at local offset ({@code u}, {@code v}) from the centre, along the turned axes. */
    LocalPoint at(double u, double v) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return new LocalPoint(cx + u * c - v * s, cy + u * s + v * c);
    }

    /** Half the extent of the axis-aligned bounding box in x. */
    double halfExtentX() {
        return (width * Math.abs(Math.cos(theta)) + height * Math.abs(Math.sin(theta))) / 2;
    }

    /** Half the extent of the axis-aligned bounding box in y. */
    double halfExtentY() {
        return (width * Math.abs(Math.sin(theta)) + height * Math.abs(Math.cos(theta))) / 2;
    }

    boolean lShaped() {
        return cutWidth > 0 && cutHeight > 0;
    }

    /** The footprint as a counter-clockwise polygon. */
    Polygon polygon(GeometryFactory factory) {
        double hw = width / 2;
        double hh = height / 2;
        double[][] local = lShaped()
                ? new double[][] {{-hw, -hh}, {hw, -hh}, {hw, hh - cutHeight}, {hw - cutWidth, hh - cutHeight},
                    {hw - cutWidth, hh}, {-hw, hh}}
                : new double[][] {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
        Coordinate[] ring = new Coordinate[local.length + 1];
        for (int i = 0; i < local.length; i++) {
            LocalPoint p = at(local[i][0], local[i][1]);
            ring[i] = new Coordinate(p.x(), p.y());
        }
        ring[local.length] = new Coordinate(ring[0]);
        return factory.createPolygon(ring);
    }
}
