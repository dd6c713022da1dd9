package org.communityhub.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.communityhub.sim.CheckCommand;
import org.communityhub.sim.EventJson;
import org.communityhub.sim.LoadCommand;
import org.communityhub.sim.SimCommand;
import picocli.CommandLine;

/**
 * Runs {@code hub sim ...} in-process exactly as {@code main} does (same exit-code mapping) and captures
 * what it prints. {@code env} stands in for the process environment of the commands that read secrets
 * from it. Swaps System.out/err while running, so runs are serialised. Test support only.
 *
 * @param exitCode the command's exit code
 * @param out      standard output
 * @param err      standard error
 */
public record SimRun(int exitCode, String out, String err) {

    /** Runs the simulator with these arguments and this environment. */
    public static synchronized SimRun run(Map<String, String> env, String... args) {
        CommandLine cl = SimCommand.commandLine();
        UnaryOperator<String> lookup = name -> env.containsKey(name) ? env.get(name) : null;
        ((CheckCommand) cl.getSubcommands().get("check").getCommand()).useEnvironment(lookup);
        ((LoadCommand) cl.getSubcommands().get("load").getCommand()).useEnvironment(lookup);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        System.setOut(o);
        System.setErr(e);
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        SimRun run = new SimRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.print(run.out());
        oldOut.print(run.err());
        return run;
    }

    /** Standard output parsed as the one JSON object of {@code --json}. */
    public JsonNode json() {
        try {
            return EventJson.MAPPER.readTree(out);
        } catch (java.io.IOException ex) {
            throw new AssertionError("not JSON (exit " + exitCode + "): " + out + "\nstderr: " + err, ex);
        }
    }
}
