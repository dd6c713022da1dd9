package org.communityhub.gateway.cli;

import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The hub's command line ({@code java -jar hub.jar …}; {@code ./hub} wraps it). Every command
 * exits 0 on success and non-zero with a one-line reason on failure.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "Community Hub 0.1",
        description = "Community Hub: smart-community map and IoT hub.",
        subcommands = {StartCommand.class, ImportCommand.class, UserCommand.class, DeviceCommand.class,
            DemoDataCommand.class, DemoUsersCommand.class, MigrateCommand.class, GridsCommand.class,
            DemoCasesCommand.class})
public final class HubCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new HubCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!FailureReport.expected(e)) {
                LoggerFactory.getLogger(HubCommand.class).error("hub {} failed", parsed.subcommand() == null
                        ? "" : parsed.subcommand().commandSpec().name(), e);
            }
            cmd.getErr().println("hub: " + FailureReport.line(e));
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
