package org.communityhub.geo.demo;

/** A point in the generator's local plane: metres east ({@code x}) and north ({@code y}) of the origin. */
record LocalPoint(double x, double y) {

    LocalPoint plus(double dx, double dy) {
        return new LocalPoint(x + dx, y + dy);
    }
}
