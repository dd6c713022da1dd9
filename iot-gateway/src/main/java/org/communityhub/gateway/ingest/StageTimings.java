package org.communityhub.gateway.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long messages of one lane spend in each stage on their way from the device to the stream, as the
 * {@code hub_stage_seconds{lane,stage}} timers (a summary: count, sum, max and the quantiles 0.5 and 0.99
 * over the last two minutes). Stages of an intake lane ({@code bulk}, {@code alarm}): {@link Stage#BROKER}
 * (the event's own time → the hub took it from its session: publish and broker, on the device's clock;
 * the first event of each batch), {@link Stage#QUEUE} (taken → its worker starts the batch: the batch's
 * oldest message) and {@link Stage#WRITE} (the batch's validation, write and commit). Stages of the
 * {@code stream} lane: {@link Stage#NOTICE} (the alert's newest event taken by the hub → its change notice
 * heard here: queue, write, commit and {@code pg_notify}), {@link Stage#LOOKUP} (notice → the alert read
 * back on the worker pool), {@link Stage#HANDOFF} (the short way of an alert this instance wrote: its newest event
 * taken → the committed alert on the stream's event loop: queue, write, commit, one hop), {@link Stage#HOP} (that hop
 * alone: the writer handed the alert over → the stream's event loop runs it) and {@link Stage#SEND} (→ written
 * to every client's socket). Meters are registered at construction; {@link #record} is one timer update (a few
 * hundred nanoseconds with the percentiles: callers record once per batch, not per message). Thread-safe.
 */
public final class StageTimings {

    /** A stage of the way from device to stream. */
    public enum Stage {
        BROKER, QUEUE, WRITE, NOTICE, LOOKUP, HANDOFF, HOP, SEND;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Stage, Timer> timers = new EnumMap<>(Stage.class);

    /** The stages of an intake lane. */
    static final Stage[] INTAKE = {Stage.BROKER, Stage.QUEUE, Stage.WRITE};
    /** The stages of the stream. */
    static final Stage[] STREAM = {Stage.NOTICE, Stage.LOOKUP, Stage.HANDOFF, Stage.HOP, Stage.SEND};

    StageTimings(MeterRegistry registry, String lane, Stage... stages) {
        for (Stage s : stages) {
            timers.put(s, Timer.builder("hub.stage").description("Time spent in one stage of the way to the stream")
                    .tag("lane", lane).tag("stage", s.tag()).publishPercentiles(0.5, 0.99).register(registry));
        }
    }

    /** Records {@code nanos} for {@code stage}; a negative duration (clocks apart) is not recorded. */
    public void record(Stage stage, long nanos) {
        Timer t = timers.get(stage);
        if (nanos >= 0 && t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Records the time from {@code from} to {@code to} for {@code stage} (wall-clock instants). */
    public void record(Stage stage, java.time.Instant from, java.time.Instant to) {
        record(stage, Duration.between(from, to).toNanos());
    }

    Timer timer(Stage stage) {
        return timers.get(stage);
    }
}
