package org.communityhub.sim.testing;

import java.util.List;

/**
 * The trend of a series of live-heap samples (MB used right after a full GC, at seconds since the
 * start): start, end, least-squares slope and what that slope adds up to over the window. Flat means
 * the end is at most {@code endSlackMb} above the start and the fitted line rises at most
 * {@code trendLimitMb} over the window. Pure arithmetic; immutable.
 */
public final class HeapTrend {

    /** One live-heap sample: seconds since the run started, MB used after GC. */
    public record Sample(double seconds, double usedMb) {
    }

    private final List<Sample> samples;
    private final double slopeMbPerSecond;

    private HeapTrend(List<Sample> samples, double slopeMbPerSecond) {
        this.samples = samples;
        this.slopeMbPerSecond = slopeMbPerSecond;
    }

    /** The trend of at least two samples in time order, not all at the same instant. */
    public static HeapTrend of(List<Sample> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a trend needs at least two samples, got " + samples.size());
        }
        double meanT = samples.stream().mapToDouble(Sample::seconds).average().orElseThrow();
        double meanY = samples.stream().mapToDouble(Sample::usedMb).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            sxy += (s.seconds() - meanT) * (s.usedMb() - meanY);
            sxx += (s.seconds() - meanT) * (s.seconds() - meanT);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("the samples span no time");
        }
        return new HeapTrend(List.copyOf(samples), sxy / sxx);
    }

    public double startMb() {
        return samples.get(0).usedMb();
    }

    public double endMb() {
        return samples.get(samples.size() - 1).usedMb();
    }

    public double minMb() {
        return samples.stream().mapToDouble(Sample::usedMb).min().orElseThrow();
    }

    public double maxMb() {
        return samples.stream().mapToDouble(Sample::usedMb).max().orElseThrow();
    }

    /** Seconds from the first to the last sample. */
    public double windowSeconds() {
        return samples.get(samples.size() - 1).seconds() - samples.get(0).seconds();
    }

    public double slopeMbPerSecond() {
        return slopeMbPerSecond;
    }

    /** How much the fitted line rises over the window, in MB (negative when it falls). */
    public double riseOverWindowMb() {
        return slopeMbPerSecond * windowSeconds();
    }

    public int size() {
        return samples.size();
    }

    /** End at most {@code endSlackMb} above the start, and the fitted rise at most {@code trendLimitMb}. */
    public boolean flat(double endSlackMb, double trendLimitMb) {
        return endMb() <= startMb() + endSlackMb && riseOverWindowMb() <= trendLimitMb;
    }

    /** One line with the figures, e.g. for a test's output. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d samples over %.0f s: start %.1f MB, end %.1f MB, min %.1f MB, max %.1f MB, "
                        + "slope %.4f MB/min (%+.2f MB over the window)",
                size(), windowSeconds(), startMb(), endMb(), minMb(), maxMb(), slopeMbPerSecond * 60,
                riseOverWindowMb());
    }
}
