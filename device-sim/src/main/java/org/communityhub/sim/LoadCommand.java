package org.communityhub.sim;
import picocli.CommandLine.Command;
@Command(name = "load")
public final class LoadCommand {
}
