package org.communityhub.geo.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** The hierarchy cache never serves a body read before the latest change notice. */
class CachedBodyTest {

    @Test
    void aBodyIsServedUntilTheNextChange() {
        CachedBody cache = new CachedBody();
        assertThat(cache.current()).isNull();
        cache.offer(cache.generation(), Buffer.buffer("v1"));
        assertThat(cache.current()).hasToString("v1");
        cache.invalidate();
        assertThat(cache.current()).isNull();
    }

    @Test
    void aBodyLoadedAcrossAChangeIsNeverServed() {
        CachedBody cache = new CachedBody();
        long before = cache.generation();
        cache.invalidate();
        cache.offer(before, Buffer.buffer("stale"));
        assertThat(cache.current()).isNull();
        cache.offer(cache.generation(), Buffer.buffer("fresh"));
        assertThat(cache.current()).hasToString("fresh");
    }
}
