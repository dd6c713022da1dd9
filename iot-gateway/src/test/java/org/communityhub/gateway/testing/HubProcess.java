package org.communityhub.gateway.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged hub ({@code target/hub.jar start}) as a separate process, so a test can kill it
 * with SIGKILL, as a crash or an OOM killer would, and start it again.
 */
public final class HubProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the hub with exactly {@code env} as its HUB_* settings; returns once it serves. */
    public static HubProcess start(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("java", "-jar", Path.of("target/hub.jar").toString(), "start"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the hub process ended before serving"));
        }, "hub-process-output");
        reader.setDaemon(true);
        reader.start();
        return new HubProcess(p, port.get(60, TimeUnit.SECONDS));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The hub JVM's process id (the process is {@code java -jar} itself), e.g. for {@code jcmd}. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no drain, no acks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
