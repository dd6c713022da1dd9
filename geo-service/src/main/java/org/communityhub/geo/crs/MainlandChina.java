package org.communityhub.geo.crs;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Decides whether a position lies in mainland China, i.e. where published maps carry the GCJ-02/BD-09 offsets.
 * Hong Kong, Macau, Taiwan (including Kinmen and Matsu) and other countries are outside.
 *
 * <p>The test uses a simplified outline (about 3,000 vertices, WGS-84), not a bounding rectangle:
 * <ul>
 *   <li>land borders with other countries: Natural Earth 1:10m admin-0 (public domain), simplified with a
 *       tolerance of 0.01° (about 1 km), so positions within about 1 km of a land border may be misjudged;</li>
 *   <li>the coast: the Chinese land area grown by 0.1° (about 10 km) out to sea, so coastal reclamation, piers and
 *       near-shore islands count as mainland;</li>
 *   <li>Hong Kong and Macau: cut out along hand-drawn boundaries (the Shenzhen River from Deep Bay to Sha Tau Kok,
 *       the Mirs Bay and Deep Bay water lines, the Gongbei border and the channel to Hengqin), about 0.5 km precise;
 *       Kinmen, Lieyu and the Matsu islands likewise.</li>
 * </ul>
 * The recipe is in geo-service/src/test/resources/crs/mainland-outline-derivation.md.
 * Coordinates given in GCJ-02 or BD-09 may be tested directly: their offset (under 1 km) is within that precision.
 *
 * <p>Static and thread-safe. The outline is parsed once, on first use (a few milliseconds); each call afterwards is an
 * indexed point-in-polygon test on a {@link PreparedGeometry} (microseconds).
 */
public final class MainlandChina {

    private MainlandChina() {
    }

    /**
     * Whether the position (degrees, WGS-84; GCJ-02/BD-09 input is fine too, see the class comment) is in mainland
     * China. Non-finite or out-of-range input is simply not contained.
     *
     * @param lon longitude in degrees
     * @param lat latitude in degrees
     * @return true inside mainland China (including Hainan and the coastal waters), false elsewhere
     */
    public static boolean contains(double lon, double lat) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
            return false;
        }
        Outline outline = Outline.INSTANCE;
        if (!outline.envelopeContains(lon, lat)) {
            return false;
        }
        return outline.prepared.covers(outline.factory.createPoint(new Coordinate(lon, lat)));
    }

    /** The parsed outline, built on first access (class-holder idiom: lazy and safely published). */
    private static final class Outline {
        static final Outline INSTANCE = new Outline();

        final GeometryFactory factory = new GeometryFactory();
        final PreparedGeometry prepared;
        private final double minLon;
        private final double maxLon;
        private final double minLat;
        private final double maxLat;

        private Outline() {
            Geometry geometry = parse(factory);
            prepared = PreparedGeometryFactory.prepare(geometry);
            minLon = geometry.getEnvelopeInternal().getMinX();
            maxLon = geometry.getEnvelopeInternal().getMaxX();
            minLat = geometry.getEnvelopeInternal().getMinY();
            maxLat = geometry.getEnvelopeInternal().getMaxY();
        }

        boolean envelopeContains(double lon, double lat) {
            return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
        }

        static Geometry parse(GeometryFactory factory) {
            String wkt = MainlandChinaOutlinePart1.WKT + MainlandChinaOutlinePart2.WKT;
            try {
                Geometry geometry = new WKTReader(factory).read(wkt);
                if (!geometry.isValid()) {
                    throw new IllegalStateException("the built-in mainland China outline is not a valid geometry");
                }
                return geometry;
            } catch (ParseException e) {
                throw new IllegalStateException("the built-in mainland China outline cannot be parsed", e);
            }
        }
    }
}
