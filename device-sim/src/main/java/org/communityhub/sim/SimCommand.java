package org.communityhub.sim;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./hub sim}: the device simulator. Modes are subcommands (fleet, scenario, check, load).
 * Exit codes: 0 ok, 1 check failed or events lost, 2 usage error, 3 connection failure.
 */
@Command(name = "hub sim", mixinStandardHelpOptions = true, version = "hub sim 0.1.0",
        description = {"Simulates Community Hub devices over MQTT (CONTRACT §4), each with its own broker login.",
            "fleet is what ./hub demo runs; check is the installer's acceptance test."},
        subcommands = {FleetCommand.class, ScenarioCommand.class, CheckCommand.class, LoadCommand.class},
        footerHeading = "%nEnvironment (options win; ./hub sim sets the first three from the private services):%n",
        footer = {"  HUB_MQTT_URL         broker, e.g. tcp://127.0.0.1:1883 (all modes)",
            "  HUB_SIM_CREDENTIALS  device credentials file, ./hub device credentials --all > FILE (all modes)",
            "  HUB_HTTP_URL         the hub's HTTP address, e.g. http://127.0.0.1:8080 (check)",
            "  HUB_SIM_USER         hub login, role installer or admin (check)",
            "  HUB_SIM_PASSWORD     its password (check)",
            "  HUB_DB_URL, HUB_DB_USER, HUB_DB_PASSWORD   hub database where load counts stored events (load)",
            "  JAVA_TOOL_OPTIONS    JVM options, e.g. -Xmx2g for a large fleet",
            "",
            "Memory: every connected device (fleet, load) costs about 0.6 MB of heap and 3 threads;",
            "300 devices fit in -Xmx256m, 3,000 need -Xmx2g. fleet --max-devices N caps the fleet.",
            "Each mode has its own --help: ./hub sim check --help"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:check failed, or events lost or duplicated",
                "2:usage error (bad option, bad credentials file)",
            "3:connection failure (broker, hub or database unreachable)"})
public final class SimCommand implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;
    /** Help text width: wide enough that the environment tables do not wrap. */
    static final int USAGE_WIDTH = 110;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a mode: fleet, scenario, check or load");
    }

    /** The command line with the simulator's exit-code mapping; for tests and {@link #main}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SimCommand());
        cl.setUsageHelpWidth(USAGE_WIDTH);
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof SimUsageException) {
                err.println("hub sim: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof ConnectFailure cf) {
                err.println("hub sim: " + cf.getMessage());
                return CONNECTION;
            }
            if (ex instanceof java.sql.SQLException) {
                err.println("hub sim: database error: " + ex.getMessage());
                return CONNECTION;
            }
            if (ex instanceof HubUnreachable) {
                err.println("hub sim: " + ex.getMessage());
                return CONNECTION;
            }
            err.println("hub sim: " + ex);
            ex.printStackTrace(err);
            return FAILED;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
