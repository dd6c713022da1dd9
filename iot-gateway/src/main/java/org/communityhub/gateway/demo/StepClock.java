package org.communityhub.gateway.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a demo seeding run: set to each planned step's time before the step is taken, so that the case
 * service stamps history, deadlines and ratings with times in the past exactly as it would have then.
 * Thread-safe (a volatile instant), but meant for one seeding thread.
 */
final class StepClock extends Clock {

    private volatile Instant now;

    StepClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
