package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.alert.AlertPolicy;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest store takes "now" from the hub's injected clock, not from the machine's: a device found
 * silent is marked offline, and its maintenance alert opened, at the clock's instant.
 */
class IngestStoreClockIT {

    private static final Instant HUB_NOW = Instant.parse("2030-06-01T08:00:00Z");

    private TestDatabase db;

    @BeforeEach
    void create() {
        db = TestDatabase.createEmpty();
        HubDatabases.migrate(db.database(), HubConfig.EventStore.NATIVE);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aDeviceFoundSilentRaisesItsOfflineAlertAtTheHubsClock() throws Exception {
        DataSource ds = db.database().dataSource();
        String area = "ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(116.40, 39.90), 4326), 0.01))";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO community (code, name, geom) VALUES ('c-1', 'One', " + area + ")");
            s.execute("INSERT INTO compound (code, name, community_code, geom) VALUES ('p-1', 'P', 'c-1', " + area + ")");
            s.execute("INSERT INTO device (code, name, type, community_code, compound_code, geom) VALUES "
                    + "('g-1', 'Gate', 'gate', 'c-1', 'p-1', ST_SetSRID(ST_MakePoint(116.40, 39.90), 4326))");
            s.execute("INSERT INTO device_state (device_code, status, last_seen, status_changed_at) "
                    + "VALUES ('g-1', 'online', now() - interval '1 hour', now() - interval '1 hour')");
        }
        Clock clock = Clock.fixed(HUB_NOW, ZoneOffset.UTC);
        PostgisIngestStore store = new PostgisIngestStore(ds,
                new AlertPolicy(Duration.ofSeconds(60), Duration.ofMinutes(10)), new PostgisDeviceDirectory(ds, clock),
                clock);

        assertThat(store.sweepSilent(Duration.ofMinutes(5))).containsExactly("g-1");

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT opened_at, event_ids[1] FROM alert WHERE device_code = 'g-1'")) {
            assertThat(rs.next()).as("the offline alert").isTrue();
            assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(HUB_NOW);
            assertThat(rs.getString(2)).isEqualTo("offline@" + HUB_NOW);
        }
    }
}
