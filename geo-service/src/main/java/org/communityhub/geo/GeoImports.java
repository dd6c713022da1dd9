package org.communityhub.geo;

import javax.sql.DataSource;
import org.communityhub.geo.importer.GeoImportService;
import org.communityhub.geo.importer.geojson.GeoJsonFeatureReader;
import org.communityhub.geo.postgis.PostgisImportStore;

/** Wires the import: GeoJSON decoder + PostGIS store. Cheap; the service is thread-safe. */
public final class GeoImports {

    private GeoImports() {
    }

    /** An import service writing to the given database (migrated with the geo schema). */
    public static GeoImportService service(DataSource dataSource) {
        return new GeoImportService(new PostgisImportStore(dataSource), GeoJsonFeatureReader::open);
    }
}
