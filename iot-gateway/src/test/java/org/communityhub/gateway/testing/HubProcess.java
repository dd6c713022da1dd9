package org.communityhub.gateway.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged hub ({@code target/hub.jar start}) as a separate process, so a test can kill it
 * with SIGKILL, as a crash or an OOM killer would, start it again, or watch its JVM (heap) from
 * outside. Keeps the last lines the hub printed for failure messages.
 */
public final class HubProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final int KEPT_LINES = 40;

    private final Process process;
    private final int port;
    private final Deque<String> lastLines;

    private HubProcess(Process process, int port, Deque<String> lastLines) {
        this.process = process;
        this.port = port;
        this.lastLines = lastLines;
    }

    /** Starts the hub with exactly {@code env} as its HUB_* settings; returns once it serves. */
    public static HubProcess start(Map<String, String> env) throws Exception {
        return start(env, List.of());
    }

    /** As {@link #start(Map)}, with JVM options for the hub's JVM (e.g. {@code -Xmx512m}). */
    public static HubProcess start(Map<String, String> env, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", hubJar().toString(), "start"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        Deque<String> lines = new ArrayDeque<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(p, lines, port), "hub-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HubProcess(p, port.get(60, TimeUnit.SECONDS), lines);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the hub did not start: " + e.getMessage() + "\n" + tail(lines), e);
        }
    }

    private static void read(Process p, Deque<String> lines, CompletableFuture<Integer> port) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > KEPT_LINES) {
                        lines.removeFirst();
                    }
                }
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the hub process ended before serving"));
    }

    /** The gateway module's {@code target/hub.jar}, from the gateway module itself or a sibling module. */
    static Path hubJar() {
        for (Path candidate : List.of(Path.of("target/hub.jar"), Path.of("../iot-gateway/target/hub.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no hub.jar in target/ or ../iot-gateway/target/: package iot-gateway first");
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return "last lines of the hub's output:\n  " + String.join("\n  ", lines);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The hub JVM's process id (the process is {@code java -jar} itself), e.g. for {@code jcmd} and {@code jstat}. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the hub printed (at most 40), for failure messages. */
    public String lastOutput() {
        return tail(lastLines);
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
