package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.communityhub.gateway.config.HubConfig.EventStore;
import org.communityhub.gateway.postgis.EventStoreFacts.Choice;
import org.communityhub.gateway.postgis.EventStoreFacts.Kind;
import org.junit.jupiter.api.Test;

/** The HUB_EVENT_STORE decision for every state of the server (the real states are in EventStoreIT and TimescalePreloadIT). */
class EventStoreFactsTest {

    private static EventStoreFacts facts(Kind existing, boolean installed, boolean created, boolean preloaded,
                                         boolean permitted) {
        return new EventStoreFacts(existing, installed, created, preloaded, permitted, "hub", "hubdb");
    }

    @Test
    void autoMakesAHypertableOnlyWhenTimescaleDbIsPreloadedAndCreatedOrPermitted() {
        Choice create = facts(null, true, false, true, true).decide(EventStore.AUTO);
        assertThat(create.kind()).isEqualTo(Kind.HYPERTABLE);
        assertThat(create.createExtension()).isTrue();
        assertThat(create.sessionSql()).isEqualTo("SET hub.event_store = 'timescaledb'");
        Choice exists = facts(null, true, true, true, false).decide(EventStore.AUTO);
        assertThat(exists.kind()).isEqualTo(Kind.HYPERTABLE);
        assertThat(exists.createExtension()).isFalse();
    }

    @Test
    void autoFallsBackToNativeWithOneReason() {
        Choice absent = facts(null, false, false, false, true).decide(EventStore.AUTO);
        assertThat(absent.kind()).isEqualTo(Kind.NATIVE);
        assertThat(absent.notable()).as("nothing to warn about").isFalse();
        assertThat(absent.logLine()).startsWith("event store: native daily partitions (HUB_EVENT_STORE=auto: "
                + "TimescaleDB is not installed");
        Choice notPreloaded = facts(null, true, false, false, true).decide(EventStore.AUTO);
        assertThat(notPreloaded.kind()).isEqualTo(Kind.NATIVE);
        assertThat(notPreloaded.notable()).isTrue();
        assertThat(notPreloaded.logLine()).contains("installed but not preloaded")
                .contains("shared_preload_libraries = 'timescaledb'").doesNotContain("\n");
        assertThat(notPreloaded.sessionSql()).isEqualTo("SET hub.event_store = 'native'");
        Choice createdNotPreloaded = facts(null, true, true, false, false).decide(EventStore.AUTO);
        assertThat(createdNotPreloaded.kind()).as("loading it unpreloaded is FATAL").isEqualTo(Kind.NATIVE);
        Choice notPermitted = facts(null, true, false, true, false).decide(EventStore.AUTO);
        assertThat(notPermitted.kind()).isEqualTo(Kind.NATIVE);
        assertThat(notPermitted.logLine()).contains("role hub may not create the timescaledb extension in database hubdb")
                .contains("CREATE EXTENSION timescaledb");
    }

    @Test
    void timescaledbFailsFastWithTheFix() {
        assertThatThrownBy(() -> facts(null, false, false, false, true).decide(EventStore.TIMESCALEDB))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("not installed")
                .hasMessageContaining("Timescale's package repository");
        assertThatThrownBy(() -> facts(null, true, false, false, true).decide(EventStore.TIMESCALEDB))
                .hasMessageContaining("add shared_preload_libraries = 'timescaledb' to postgresql.conf")
                .hasMessageContaining("restart PostgreSQL");
        assertThatThrownBy(() -> facts(null, true, false, true, false).decide(EventStore.TIMESCALEDB))
                .hasMessageContaining("as a superuser run CREATE EXTENSION timescaledb;")
                .hasMessageContaining("GRANT CREATE ON DATABASE hubdb TO hub");
        assertThat(facts(null, true, false, true, true).decide(EventStore.TIMESCALEDB).kind()).isEqualTo(Kind.HYPERTABLE);
    }

    @Test
    void nativeIsNativeEvenWhereTimescaleDbWouldWork() {
        Choice c = facts(null, true, true, true, true).decide(EventStore.NATIVE);
        assertThat(c.kind()).isEqualTo(Kind.NATIVE);
        assertThat(c.createExtension()).isFalse();
    }

    @Test
    void anExistingEventTableKeepsItsKindAndAContradictingModeFailsFast() {
        assertThat(facts(Kind.NATIVE, true, true, true, true).decide(EventStore.AUTO).kind()).isEqualTo(Kind.NATIVE);
        assertThat(facts(Kind.HYPERTABLE, true, true, true, true).decide(EventStore.AUTO).kind())
                .isEqualTo(Kind.HYPERTABLE);
        assertThatThrownBy(() -> facts(Kind.NATIVE, true, true, true, true).decide(EventStore.TIMESCALEDB))
                .hasMessageContaining("created earlier as native daily partitions");
        assertThatThrownBy(() -> facts(Kind.HYPERTABLE, true, true, true, true).decide(EventStore.NATIVE))
                .hasMessageContaining("created earlier as TimescaleDB hypertable");
        assertThatThrownBy(() -> facts(Kind.HYPERTABLE, true, true, false, true).decide(EventStore.AUTO))
                .hasMessageContaining("is a TimescaleDB hypertable, but TimescaleDB is not preloaded");
    }
}
