package org.communityhub.geo.importer;

import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.crs.DatumConverter;
import org.communityhub.geo.crs.LonLat;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Converts every vertex of a geometry from a Chinese datum to WGS-84, in place. Cost: one datum
 * conversion per vertex. Stateless and thread-safe; the geometry passed in must not be shared.
 */
public final class DatumShift {

    private DatumShift() {
    }

    /** Converts {@code geometry} (coordinates in {@code from}) to WGS-84 and returns it. */
    public static Geometry toWgs84(Geometry geometry, Datum from) {
        if (from == Datum.WGS84) {
            return geometry;
        }
        geometry.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                LonLat wgs = DatumConverter.toWgs84(from, new LonLat(seq.getX(i), seq.getY(i)));
                seq.setOrdinate(i, CoordinateSequence.X, wgs.lon());
                seq.setOrdinate(i, CoordinateSequence.Y, wgs.lat());
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        geometry.geometryChanged();
        return geometry;
    }
}
