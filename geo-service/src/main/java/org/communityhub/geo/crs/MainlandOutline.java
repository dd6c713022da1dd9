package org.communityhub.geo.crs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The mainland China outline as loaded from the two WKT resources next to this class:
 * <ul>
 *   <li>{@code mainland-china-outline.wkt}: the whole country, coarse (Natural Earth, about 1 km at land borders);</li>
 *   <li>{@code hong-kong-macau-border.wkt}: rectangular zones around the Hong Kong and Macau land borders and the exact
 *       mainland area inside them (OpenStreetMap land borders, about 10 m). Inside a zone only this one decides.</li>
 * </ul>
 * Lines starting with {@code #} (provenance and licence) are skipped.
 *
 * <p>Immutable and thread-safe once built. Building parses about 50 KB of WKT and prepares the geometries (measured
 * with bench/OutlineBench.java: 0.5–0.9 s in a cold JVM on a busy 2-core machine, mostly class loading and JIT
 * warm-up; a few milliseconds warm); {@link #covers} is then an envelope test plus one indexed point-in-polygon test on a
 * {@link PreparedGeometry} (about a microsecond), allocating one point.
 */
final class MainlandOutline {

    static final String OUTLINE_RESOURCE = "mainland-china-outline.wkt";
    static final String BORDER_RESOURCE = "hong-kong-macau-border.wkt";

    private final GeometryFactory factory = new GeometryFactory();
    private final PreparedGeometry coarse;
    private final Envelope coarseEnvelope;
    private final List<Envelope> zones = new ArrayList<>();
    private final PreparedGeometry exact;

    /** Loads both resources from the class path. */
    MainlandOutline() {
        Geometry outline = read(factory, OUTLINE_RESOURCE);
        Geometry border = read(factory, BORDER_RESOURCE);
        if (border.getNumGeometries() != 2) {
            throw new IllegalStateException(BORDER_RESOURCE + " must hold the zones and the mainland inside them");
        }
        Geometry zoneGeometry = border.getGeometryN(0);
        for (int i = 0; i < zoneGeometry.getNumGeometries(); i++) {
            Geometry zone = zoneGeometry.getGeometryN(i);
            if (!zone.isRectangle()) {
                throw new IllegalStateException(BORDER_RESOURCE + ": every zone must be a rectangle");
            }
            zones.add(zone.getEnvelopeInternal());
        }
        coarse = PreparedGeometryFactory.prepare(outline);
        coarseEnvelope = outline.getEnvelopeInternal();
        exact = PreparedGeometryFactory.prepare(border.getGeometryN(1));
    }

    /**
     * Whether the position is mainland China: inside a border zone by the exact border data, elsewhere by the coarse
     * outline. Boundaries count as inside.
     */
    boolean covers(double lon, double lat) {
        for (Envelope zone : zones) {
            if (zone.covers(lon, lat)) {
                return exact.covers(point(lon, lat));
            }
        }
        return coarseEnvelope.covers(lon, lat) && coarse.covers(point(lon, lat));
    }

    private Point point(double lon, double lat) {
        return factory.createPoint(new Coordinate(lon, lat));
    }

    /**
     * Parses one of the resources. Validity is not checked here (it would double the loading time): the generator and
     * the unit tests check it.
     */
    static Geometry read(GeometryFactory factory, String resource) {
        String wkt = text(resource);
        try {
            return new WKTReader(factory).read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException(resource + " cannot be parsed", e);
        }
    }

    private static String text(String resource) {
        try (InputStream in = MainlandOutline.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the class path");
            }
            StringBuilder wkt = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    wkt.append(line).append('\n');
                }
            }
            return wkt.toString();
        } catch (IOException e) {
            throw new IllegalStateException("resource " + resource + " cannot be read", e);
        }
    }
}
