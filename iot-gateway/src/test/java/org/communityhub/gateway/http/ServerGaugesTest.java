package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stream and heap gauges in Prometheus text, read fresh at every rendering. */
class ServerGaugesTest {

    @Test
    void rendersTheStreamConnectionsAndTheHeapAsGauges() {
        AtomicInteger open = new AtomicInteger(7);
        ServerGauges gauges = new ServerGauges(open::get);
        String text = gauges.render(new StringBuilder("hub_ingest_backlog 0\n")).toString();
        assertThat(text).startsWith("hub_ingest_backlog 0\n")
                .contains("# HELP hub_stream_connections ").contains("# TYPE hub_stream_connections gauge\n")
                .contains("\nhub_stream_connections 7\n")
                .contains("# TYPE jvm_heap_used_bytes gauge\n").containsPattern("(?m)^jvm_heap_used_bytes [1-9]\\d*$")
                .containsPattern("(?m)^jvm_heap_committed_bytes [1-9]\\d*$")
                .containsPattern("(?m)^jvm_heap_max_bytes (-1|[1-9]\\d*)$").endsWith("\n");
        open.set(0);
        assertThat(gauges.render(new StringBuilder()).toString()).contains("\nhub_stream_connections 0\n")
                .doesNotContain("hub_stream_connections 7");
    }
}
