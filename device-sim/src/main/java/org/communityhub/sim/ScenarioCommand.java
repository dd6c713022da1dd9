package org.communityhub.sim;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.communityhub.contract.DeviceCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub sim scenario NAME}: plays one scripted situation and says what the hub should now show. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Plays one situation (fire, intrusion, tailgating, offline, malformed, duplicates, report).", "",
            "Uses one device and prints what the hub should show afterwards.",
            "NAME: fire | intrusion | tailgating | offline | malformed | duplicates | report", "",
            "  fire        fire.alarm then fire.reset from a fire button: 1 critical alert at its building, reset_at set",
            "  intrusion   camera.climb: 1 high intrusion alert",
            "  tailgating  a burst of access.tailgating at a gate: 1 medium access alert covering it",
            "  offline     the connection drops without DISCONNECT: Last Will 'offline', 1 low maintenance alert",
            "  malformed   one message per reject reason between two valid events: the hub lists each reason",
            "              (GET /api/v1/rejects?device=CODE) and stores only the two valid events",
            "  duplicates  every event sent twice: stored once, at most one alert per source",
            "  report      a resident's 随手拍 report over HTTP (--http-url; --lon/--lat, else the first community's",
            "              middle): 1 submitted case, its tracking code printed"},
        footerHeading = "%nEnvironment (options win):%n",
        footer = {"  HUB_MQTT_URL         broker, e.g. tcp://127.0.0.1:1883",
            "  HUB_SIM_CREDENTIALS  device credentials file (./hub device credentials --all > FILE)",
            "  HUB_HTTP_URL         the hub's HTTP address (report), e.g. http://127.0.0.1:8080"})
public final class ScenarioCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "fire, intrusion, tailgating, offline, malformed, duplicates or report")
    String name;

    @Option(names = "--http-url", paramLabel = "URL", defaultValue = "${env:HUB_HTTP_URL}",
            description = "report: the hub's HTTP address (default: $HUB_HTTP_URL)")
    String httpUrl;

    @Option(names = "--lon", defaultValue = "NaN", description = "report: longitude (WGS-84)")
    double lon;

    @Option(names = "--lat", defaultValue = "NaN", description = "report: latitude (WGS-84)")
    double lat;

    @Option(names = "--category", defaultValue = "environment", description = "report: category (default: ${DEFAULT-VALUE})")
    String category;

    @Option(names = "--description", defaultValue = "垃圾桶满了，溢出到路边", description = "report: what is wrong")
    String description;

    @Option(names = "--device", paramLabel = "CODE", description = "the device to use (default: the first that fits)")
    String device;

    @Option(names = "--building", paramLabel = "B", description = "choose a device in this building")
    String building;

    @Option(names = "--floor", defaultValue = "3", description = "floor of the fire alarm (default: ${DEFAULT-VALUE})")
    int floor;

    @Option(names = "--reset-after", paramLabel = "SECONDS", defaultValue = "5",
            description = "seconds between fire.alarm and fire.reset (default: ${DEFAULT-VALUE})")
    double resetAfter;

    @Option(names = "--count", defaultValue = "3",
            description = "events in the tailgating burst / the duplicates set (default: ${DEFAULT-VALUE})")
    int count;

    @Override
    public Integer call() throws Exception {
        if ("report".equals(name)) {
            if (httpUrl == null || httpUrl.isBlank()) {
                throw new SimUsageException("no hub address: set HUB_HTTP_URL or pass --http-url http://HOST:PORT");
            }
            return ReportScenario.run(new HubApi(httpUrl), lon, lat, category, description, common.json(), System.out);
        }
        if (!Scenarios.NAMES.contains(name)) {
            throw new SimUsageException("unknown scenario '" + name + "'; expected one of " + String.join(", ", Scenarios.NAMES)
                    + ", report");
        }
        if (count < 1 || count > 1000) {
            throw new SimUsageException("--count must be 1..1000, was " + count);
        }
        if (!(resetAfter >= 0 && resetAfter <= 3600)) {
            throw new SimUsageException("--reset-after must be 0..3600 seconds, was " + resetAfter);
        }
        String url = common.mqttUrl();
        List<DeviceCredentials> devices = common.devices();
        Scenarios.Options options = new Scenarios.Options(device, building, floor, Math.round(resetAfter * 1000), count);
        EventFactory events = new EventFactory(EventIds.newRun("sc"), Clock.systemUTC(), new Random());
        ScenarioPlan plan = new Scenarios(events).plan(name, devices, options);
        PrintStream out = System.out;
        if (!common.json()) {
            out.println("scenario " + name + ": device " + plan.device() + " at " + plan.device().place());
        }
        ScenarioRunner.Result result = play(plan, url, common.json() ? null : out);
        if (common.json()) {
            out.println(EventJson.text(result.toMap()));
        } else {
            plan.expectations().forEach(e -> out.println("expect: " + e));
            if (!result.allAcked()) {
                out.println("FAILED: the broker did not accept every message (see above)");
            }
        }
        return result.allAcked() ? SimCommand.OK : SimCommand.FAILED;
    }

    /** Connects the plan's device with its own login and plays the plan; for tests too. */
    public static ScenarioRunner.Result play(ScenarioPlan plan, String url, PrintStream log) throws Exception {
        PahoExecutor executor = new PahoExecutor(2);
        try {
            DeviceClient client = new DeviceClient(plan.device(), DeviceClient.clientId(plan.device(), "scenario"), url,
                    executor, plan.name().equals("offline") ? 10 : 60, 16);
            try {
                client.connectAndWait(false, 20_000);
            } catch (ConnectFailure e) {
                client.close();
                throw e;
            }
            return new ScenarioRunner(log).run(plan, client);
        } finally {
            executor.shutdownNow();
        }
    }
}
