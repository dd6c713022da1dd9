package org.communityhub.sim.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples another JVM's live heap from outside, as an operator would: {@code jcmd <pid> GC.run} (a
 * full collection) then {@code jstat -gc <pid>}, and records the heap used right after the collection
 * (survivors + eden + old, MB). Runs on its own scheduler thread every {@code interval}; a sample that
 * fails is counted and reported, not recorded. Thread-safe. Test support only.
 */
public final class HeapSampler implements AutoCloseable {

    private final long pid;
    private final long startNanos = System.nanoTime();
    private final PrintStream console;
    private final List<HeapTrend.Sample> samples = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    private HeapSampler(long pid, PrintStream console) {
        this.pid = pid;
        this.console = console;
    }

    /** Starts sampling the JVM {@code pid} every {@code intervalSeconds}; each sample is printed to {@code console}. */
    public static HeapSampler start(long pid, long intervalSeconds, PrintStream console) {
        HeapSampler s = new HeapSampler(pid, console);
        s.scheduler.scheduleWithFixedDelay(s::sampleQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return s;
    }

    /** Takes one sample now, on the caller's thread. */
    public HeapTrend.Sample sampleNow() throws IOException, InterruptedException {
        run("jcmd", String.valueOf(pid), "GC.run");
        double usedMb = usedAfterGcMb(run("jstat", "-gc", String.valueOf(pid)));
        HeapTrend.Sample s = new HeapTrend.Sample((System.nanoTime() - startNanos) / 1e9, usedMb);
        synchronized (this) {
            samples.add(s);
        }
        console.printf(Locale.ROOT, "heap sample: t=%.0f s live %.1f MB%n", s.seconds(), s.usedMb());
        return s;
    }

    /** The samples taken at or after {@code seconds} since sampling started, in time order. */
    public synchronized List<HeapTrend.Sample> samplesFrom(double seconds) {
        return samples.stream().filter(s -> s.seconds() >= seconds).toList();
    }

    public synchronized List<HeapTrend.Sample> samples() {
        return List.copyOf(samples);
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** The used heap in MB from {@code jstat -gc} output (a header line and a value line, sizes in KB). */
    public static double usedAfterGcMb(String jstatOutput) {
        String[] lines = jstatOutput.strip().split("\\R");
        if (lines.length < 2) {
            throw new IllegalStateException("unexpected jstat output: " + jstatOutput);
        }
        List<String> header = Arrays.asList(lines[0].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double kb = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            int i = header.indexOf(column);
            if (i < 0 || i >= values.length) {
                throw new IllegalStateException("jstat output has no " + column + ": " + jstatOutput);
            }
            kb += Double.parseDouble(values[i].replace(',', '.'));
        }
        return kb / 1024;
    }

    private void sampleQuietly() {
        try {
            sampleNow();
        } catch (IOException | RuntimeException e) {
            recordFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void recordFailure(Exception e) {
        failures.add(String.format(Locale.ROOT, "t=%.0f s: %s", (System.nanoTime() - startNanos) / 1e9, e.getMessage()));
    }

    private static String run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(70, TimeUnit.SECONDS);
    }
}
