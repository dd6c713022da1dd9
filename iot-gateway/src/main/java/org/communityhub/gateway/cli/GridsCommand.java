package org.communityhub.gateway.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.imaging.QrCodes;
import org.communityhub.geo.port.FeaturePage;
import org.communityhub.geo.port.GeoCollection;
import org.communityhub.geo.port.GeoQueries;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hub grids qr-sheet FILE --url BASE}: a printable HTML sheet with one QR code per grid (up to
 * {@link GeoQueries#MAX_PAGE} grids), each opening the map page's report link with the grid preselected
 * ({@code BASE/?report=1&grid=CODE}), as posted in each grid.
 */
@Command(name = "grids", description = "Grids (网格).", subcommands = GridsCommand.QrSheet.class)
final class GridsCommand {

    @Command(name = "qr-sheet", description = "Write a printable HTML sheet of every grid's report QR code.")
    static final class QrSheet implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--url", required = true, description = "the hub's public address, e.g. https://hub.example.org")
        String url;

        @Override
        public Integer call() throws Exception {
            if (!url.matches("https?://[A-Za-z0-9.:\\[\\]-]+(/[A-Za-z0-9._~/-]*)?")) {
                throw new IllegalArgumentException(
                        "--url must be an http(s) address without query, e.g. https://hub.example.org");
            }
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            HubConfig config = HubConfigLoader.forTools(System.getenv());
            FeaturePage grids;
            try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
                grids = new PostgisGeoQueries(db.dataSource()).items(GeoCollection.GRIDS, null, GeoQueries.MAX_PAGE, 0);
            }
            StringBuilder html = new StringBuilder("<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\">"
                    + "<title>网格二维码</title><style>body{font-family:sans-serif}.g{display:inline-block;width:30%;"
                    + "margin:1%;text-align:center;page-break-inside:avoid}svg{width:100%}</style>");
            for (FeaturePage.Feature g : grids.features()) {
                String link = base + "/?report=1&grid=" + g.code();
                html.append("<div class=\"g\">").append(QrCodes.svg(link)).append("<h2>").append(escape(
                        String.valueOf(g.properties().get("name")))).append("</h2><p>").append(escape(g.code()))
                        .append(" · 随手拍</p></div>");
            }
            html.append("</html>\n");
            Files.writeString(file, html, StandardCharsets.UTF_8);
            System.out.println("hub: " + grids.features().size() + " grid QR code(s) written to " + file);
            return 0;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
