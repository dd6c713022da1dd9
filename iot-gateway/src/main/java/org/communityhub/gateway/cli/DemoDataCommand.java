package org.communityhub.gateway.cli;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.communityhub.geo.demo.DemoSubdistrict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub demo-data --out FILE [--scale N] [--seed S]}: writes the demo subdistrict as import GeoJSON. */
@Command(name = "demo-data", description = "Write the generated demo subdistrict (CONTRACT §3 GeoJSON).")
final class DemoDataCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "the file to write")
    Path out;

    @Option(names = "--scale", defaultValue = "1", description = "1 (12 communities), 10 or 100")
    int scale;

    @Option(names = "--seed", defaultValue = "20261122", description = "random seed (same seed, same file)")
    long seed;

    @Override
    public Integer call() throws Exception {
        DemoSubdistrict demo = DemoSubdistrict.generate(seed, scale);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            demo.writeGeoJson(w);
        }
        var s = demo.summary();
        System.out.println("hub: wrote " + out + ": " + s.communities() + " communities, " + s.compounds()
                + " compounds, " + s.buildings() + " buildings, " + s.facilities() + " facilities, " + s.devices()
                + " devices, " + s.grids() + " grids");
        return 0;
    }
}
