package org.communityhub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.communityhub.sim.testing.BrokerLogins;
import org.communityhub.geo.testing.HubTestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load report's stored counts and latency SQL against the real PostgreSQL, on an event table of
 * the shape the gateway will create (in a private schema of the hub database).
 */
class StoredEventsIT {

    private static final String SCHEMA = "sim_it_" + BrokerLogins.unique();

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + SCHEMA);
            st.execute("CREATE TABLE " + SCHEMA + ".event (device_code text NOT NULL, event_id text NOT NULL, "
                    + "event_time timestamptz NOT NULL, received_at timestamptz, stored_at timestamptz NOT NULL DEFAULT now())");
            st.execute("INSERT INTO " + SCHEMA + ".event (device_code, event_id, event_time, stored_at) VALUES "
                    + "('g-1', 'ldrun1-1', '2026-11-21T08:00:00+08', '2026-11-21T08:00:00.010+08'), "
                    + "('g-1', 'ldrun1-2', '2026-11-21T08:00:00+08', '2026-11-21T08:00:00.020+08'), "
                    + "('g-2', 'ldrun1-1', '2026-11-21T08:00:00+08', '2026-11-21T08:00:00.030+08'), "
                    + "('g-2', 'ldrun1-1', '2026-11-21T08:00:00+08', '2026-11-21T08:00:00.040+08'), "
                    + "('g-1', 'ldrun10-1', '2026-11-21T08:00:00+08', '2026-11-21T08:00:05+08'), "
                    + "('g-1', 'other-1', '2026-11-21T08:00:00+08', '2026-11-21T08:00:09+08')");
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void countsRowsAndDistinctDevicePairsOfOneRunOnly() throws Exception {
        try (StoredEvents stored = new StoredEvents(url(), HubTestServices.dbUser(), HubTestServices.dbPassword())) {
            StoredEvents.Counts counts = stored.count("ldrun1");
            assertThat(counts.rows()).isEqualTo(4);
            assertThat(counts.distinct()).isEqualTo(3);
            assertThat(counts.duplicated()).isEqualTo(1);
            assertThat(stored.count("nothing").rows()).isZero();
        }
    }

    @Test
    void latencyPercentilesComeFromStoredAtMinusEventTime() throws Exception {
        try (StoredEvents stored = new StoredEvents(url(), HubTestServices.dbUser(), HubTestServices.dbPassword())) {
            StoredEvents.Latency latency = stored.latency("ldrun1");
            assertThat(latency.p50()).isCloseTo(25, within(0.01));
            assertThat(latency.max()).isCloseTo(40, within(0.01));
            assertThat(latency.p99()).isBetween(39.0, 40.0);
            assertThat(stored.latency("nothing")).isNull();
        }
    }

    @Test
    void aMissingEventTableFailsBeforeTheRunNamingTheTable() {
        assertThatThrownBy(() -> new StoredEvents(HubTestServices.dbUrl() + "?currentSchema=no_such_schema",
                HubTestServices.dbUser(), HubTestServices.dbPassword()))
                .isInstanceOf(HubUnreachable.class).hasMessageContaining("table event");
    }

    private static String url() {
        return HubTestServices.dbUrl() + "?currentSchema=" + SCHEMA;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(HubTestServices.dbUrl(), HubTestServices.dbUser(), HubTestServices.dbPassword());
    }
}
