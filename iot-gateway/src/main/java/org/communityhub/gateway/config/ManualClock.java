package org.communityhub.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock whose time is set by hand: the demo's case seeding sets it to each planned step's time so that the
 * real services stamp history, deadlines and ratings as they would have then, and tests move it to cross
 * deadlines, lock-outs and token lifetimes without waiting. UTC. Thread-safe (a volatile instant; concurrent
 * {@link #advance} calls may lose an increment, so one thread moves it).
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code at} (also backwards). */
    public void set(Instant at) {
        now = at;
    }

    /** Moves the clock on by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
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
