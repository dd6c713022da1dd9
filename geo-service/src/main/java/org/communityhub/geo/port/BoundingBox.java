package org.communityhub.geo.port;

/** A WGS-84 longitude/latitude rectangle; validated: finite, in range, min ≤ max. */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

    public BoundingBox {
        if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 && minLon <= maxLon && minLat <= maxLat)) {
            throw new IllegalArgumentException("bbox must be minLon,minLat,maxLon,maxLat within ±180/±90 with min <= max");
        }
    }
}
