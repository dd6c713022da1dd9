package org.communityhub.geo.importer;

import java.util.List;
import java.util.Map;
import org.communityhub.geo.crs.Datum;

/**
 * Where imported features go (port; the PostGIS adapter implements it). The store applies the rules
 * that need the database: geometry validity, parents, containment within the parent with a
 * tolerance, and the upsert by code.
 */
public interface ImportStore {

    /** Opens a session for one file; the caller closes it. */
    Session open();

    /** One file's import. Not thread-safe. */
    interface Session extends AutoCloseable {

        /** Holds a checked feature until {@link #apply}; geometry already WGS-84 unless {@link #convertStaged} follows. */
        void stage(ImportFeature feature);

        /** Converts the geometry of every staged feature from {@code from} to WGS-84. */
        void convertStaged(Datum from);

        /**
         * Loads the staged features of all layers, parents before children; features that break a
         * database rule are rejected one by one, the others are committed.
         *
         * @param toleranceMetres how far a compound or building may reach outside its parent
         */
        Outcome apply(double toleranceMetres);

        @Override
        void close();
    }

    /** What {@link Session#apply} did, counted per layer. */
    record Outcome(Map<Layer, Integer> loaded, List<Rejection> rejections, List<String> warnings) {
    }
}
