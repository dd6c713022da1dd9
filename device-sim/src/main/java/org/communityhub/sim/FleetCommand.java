package org.communityhub.sim;
import picocli.CommandLine.Command;
@Command(name = "fleet")
public final class FleetCommand {
}
