package org.communityhub.gateway.cli;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.postgis.ChangePublisher;
import org.communityhub.geo.GeoImports;
import org.communityhub.geo.crs.Datum;
import org.communityhub.geo.importer.ImportReport;
import org.communityhub.geo.postgis.PostgisDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub import FILE [--crs CRS]}: prints the report; exits 1 if any feature was rejected. */
@Command(name = "import", description = "Import a GeoJSON file (CONTRACT §3) into the configured database.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--crs", description = "datum of the coordinates: wgs84, gcj02, bd09 or cgcs2000")
    String crs;

    @Override
    public Integer call() throws Exception {
        Datum datum = crs == null ? null : Datum.parse(crs);
        try (PostgisDatabase db = HubDatabases.openDatabase(HubConfigLoader.forTools(System.getenv()));
             InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ImportReport report = GeoImports.service(db.dataSource()).importGeoJson(in, datum);
            ChangePublisher.publish(db.dataSource(), new ChangeNotice.DevicesChanged());
            System.out.println(report.render());
            return report.ok() ? 0 : 1;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
