package org.communityhub.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkout's {@code ./hub} launcher as an operator runs it, as a separate process with exactly
 * the given {@code HUB_*} variables (none inherited), for tests of its commands and exit codes.
 */
public final class Launcher {

    private static final Pattern EXPORT = Pattern.compile("^export (HUB_[A-Z_]+)='([^']*)'$");

    /** What a command returned: its exit code and its output (stdout and stderr together). */
    public record Result(int code, String output) {
    }

    private Launcher() {
    }

    /** Runs {@code ./hub args…}; fails the test if it does not finish within {@code timeoutSeconds}. */
    public static Result run(Map<String, String> env, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("hub").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(root().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("(output unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        }, "launcher-output");
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./hub " + String.join(" ", args) + " did not finish within " + timeoutSeconds + " s");
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8).strip());
    }

    /** The {@code HUB_*} values a {@code services.env} (as {@code ./hub services up} writes it) exports. */
    public static Map<String, String> servicesEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPORT.matcher(line);
            if (m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    /** The checkout's root (the folder holding {@code hub} and {@code build/hub-services.sh}). */
    public static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("hub")) && Files.isRegularFile(d.resolve("build/hub-services.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("./hub not found above " + Path.of("").toAbsolutePath());
    }
}
