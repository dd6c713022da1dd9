package org.communityhub.geo.importer;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.communityhub.geo.crs.Datum;

/**
 * A decoded feature file read one feature at a time (port; the GeoJSON adapter implements it).
 * Not thread-safe: one reader per import.
 */
public interface FeatureSource extends Closeable {

    /**
     * The next feature, or null at the end of the collection.
     *
     * @throws IOException when the file is not JSON or not a FeatureCollection; the message says where
     */
    RawFeature next() throws IOException;

    /**
     * The datum the file declares in its top-level {@code crs} member, as far as read so far (a
     * member after {@code features} becomes known only at the end).
     */
    Optional<Datum> declaredDatum();
}
