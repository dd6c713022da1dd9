package org.communityhub.geo.crs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The geodetic datums (coordinate reference systems) accepted for longitude/latitude input, as named in the
 * public contract (§3 import {@code crs}, §5 query parameter {@code crs}).
 *
 * <ul>
 *   <li>{@link #WGS84}: EPSG:4326, GPS; the storage datum of the hub.</li>
 *   <li>{@link #CGCS2000}: EPSG:4490, China Geodetic Coordinate System 2000. Treated as identical to WGS-84: both are
 *       ITRF-aligned geocentric frames on ellipsoids whose flattening differs by about 1e-11, so the same physical
 *       point has coordinates that differ by a few centimetres at most, far below the precision of the maps and
 *       building outlines this hub works with.</li>
 *   <li>{@link #GCJ02}: the obfuscated "Mars" datum mandated for published maps in mainland China (AutoNavi/Amap,
 *       Tencent, Google China).</li>
 *   <li>{@link #BD09}: Baidu's further offset of GCJ-02.</li>
 * </ul>
 *
 * <p>Immutable enum; thread-safe. {@link #parse} costs one string comparison per constant.
 */
public enum Datum {
    WGS84, CGCS2000, GCJ02, BD09;

    private static final String ACCEPTED = Arrays.stream(values()).map(Datum::code).collect(Collectors.joining(", "));

    /**
     * Parses a contract datum code, ignoring case and surrounding blanks.
     *
     * @param text one of {@code wgs84}, {@code cgcs2000}, {@code gcj02}, {@code bd09}
     * @return the datum
     * @throws IllegalArgumentException if {@code text} is null or not one of the accepted codes (the message lists them)
     */
    public static Datum parse(String text) {
        if (text != null) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            for (Datum datum : values()) {
                if (datum.code().equals(wanted)) {
                    return datum;
                }
            }
        }
        String shown = text == null ? "null" : '"' + abbreviate(text) + '"';
        throw new IllegalArgumentException("unknown crs " + shown + "; accepted values: " + ACCEPTED);
    }

    /** The lower-case code used in the contract, e.g. {@code gcj02}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        StringBuilder shown = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }
}
