package org.communityhub.gateway.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.cases.CaseService;
import org.communityhub.gateway.cases.CaseWorkflow;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfigLoader;
import org.communityhub.gateway.demo.DemoCaseSeeder;
import org.communityhub.gateway.demo.DemoStaff;
import org.communityhub.gateway.imaging.ImageIoPhotoSanitizer;
import org.communityhub.gateway.postgis.GeoPlaceLocator;
import org.communityhub.gateway.postgis.PostgisCaseStore;
import org.communityhub.gateway.postgis.PostgisDemoSite;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.communityhub.geo.postgis.PostgisGeoQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub demo-cases}: fills the demo with weeks of cases in every state through the case service, as if
 * residents, grid workers and dispatchers had worked them then ({@link DemoCaseSeeder}); a second run adds only
 * the time since the newest case. Needs the demo logins ({@code demo-users}). Only {@code ./hub demo} calls it.
 */
@Command(name = "demo-cases", description = "Seed the demo with weeks of cases (only the time since the newest case).")
final class DemoCasesCommand implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "21", description = "how far back the first run reaches")
    int days;

    @Option(names = "--per-day", defaultValue = "1.6", description = "reports a day per community, on average")
    double perDay;

    @Option(names = "--seed", defaultValue = "20261203", description = "random seed")
    long seed;

    /** Where "now" comes from: the cases are seeded up to its instant. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        HubConfig config = HubConfigLoader.forTools(System.getenv());
        try (PostgisDatabase db = HubDatabases.openDatabase(config)) {
            long started = System.nanoTime();
            DemoCaseSeeder.Result r = seeder(db.dataSource(), seed, perDay, Duration.ofDays(days)).seed(clock.instant());
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (r.cases() == 0 && r.fromAlerts() == 0) {
                System.out.println("hub: demo cases up to date (every community has cases up to " + r.from() + ")");
            } else {
                System.out.println("hub: demo cases: " + r.cases() + " reports since " + r.from() + " with " + r.steps()
                        + " workflow steps and " + r.ratings() + " ratings, " + r.fromAlerts() + " from alerts, in " + ms
                        + " ms");
            }
            return 0;
        }
    }

    /** The seeder on {@code ds}, with the case service wired as the hub wires it (no configured category limits). */
    static DemoCaseSeeder seeder(DataSource ds, long seed, double perDay, Duration history) {
        PostgisDemoSite site = new PostgisDemoSite(ds);
        CaseWorkflow workflow = new CaseWorkflow(Map.of());
        PostgisCaseStore store = new PostgisCaseStore(ds);
        GeoPlaceLocator places = new GeoPlaceLocator(new PostgisGeoQueries(ds));
        ImageIoPhotoSanitizer photos = new ImageIoPhotoSanitizer();
        return new DemoCaseSeeder(site, new DemoStaff(site.grids()),
                (Clock clock) -> new CaseService(store, workflow, photos, places, clock,
                        org.communityhub.gateway.config.HubConfig.Cases.defaults().zone()), workflow::limitOf, seed, perDay,
                history, 2);
    }
}
