package org.communityhub.sim;
import picocli.CommandLine.Command;
@Command(name = "check")
public final class CheckCommand {
}
