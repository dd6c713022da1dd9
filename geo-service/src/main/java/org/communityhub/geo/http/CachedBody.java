package org.communityhub.geo.http;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One encoded response body kept until the data behind it changes. A loader notes
 * {@link #generation()} before it reads the database and {@link #offer}s what it built; an
 * {@link #invalidate} in between makes that body stale, so it is never served. Concurrent misses
 * each load (only right after a change). Thread-safe, lock-free; every call is O(1).
 */
final class CachedBody {

    private record Snapshot(long generation, Buffer body) {
    }

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    /** The body when it is current, else null (load it). */
    Buffer current() {
        Snapshot s = snapshot;
        return s != null && s.generation() == generation.get() ? s.body() : null;
    }

    /** The generation a loader must note before it reads. */
    long generation() {
        return generation.get();
    }

    /** Keeps {@code body}, built from data read after {@code loadedAt} was noted, unless it changed since. */
    void offer(long loadedAt, Buffer body) {
        if (loadedAt == generation.get()) {
            snapshot = new Snapshot(loadedAt, body);
        }
    }

    /** The data changed: the kept body is no longer served. */
    void invalidate() {
        generation.incrementAndGet();
    }
}
