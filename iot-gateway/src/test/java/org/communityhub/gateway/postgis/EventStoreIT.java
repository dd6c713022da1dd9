package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.communityhub.gateway.HubDatabases;
import org.communityhub.gateway.config.HubConfig;
import org.communityhub.gateway.config.HubConfig.EventStore;
import org.communityhub.gateway.stats.CommunityOverview.BucketCount;
import org.communityhub.gateway.testing.PrivateServices;
import org.communityhub.gateway.testing.TimescaleDb;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.communityhub.geo.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@code HUB_EVENT_STORE} on the real private cluster (TimescaleDB preloaded when installed): each
 * mode creates the store it promises, an existing store keeps its kind, both take the ingest store's
 * writes with redeliveries deduplicated and count them the same, a role that may not create
 * the extension gets native partitions under {@code auto} and a fail-fast message with the fix under
 * {@code timescaledb}, and a database migrated with V100's earlier text still migrates. The state
 * "installed but not preloaded" needs a cluster of its own: TimescalePreloadIT.
 */
class EventStoreIT {

    @Test
    void eachModeCreatesTheStoreItPromisesAndAnExistingStoreKeepsItsKind() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            HubDatabases.migrate(db.database(), EventStore.NATIVE);
            DataSource ds = db.database().dataSource();
            assertThat(query(ds, "SELECT relkind::text FROM pg_class WHERE oid = 'event'::regclass")).containsExactly("p");
            assertThat(query(ds, "SELECT extname::text FROM pg_extension WHERE extname = 'timescaledb'"))
                    .as("native never creates the extension").isEmpty();
            HubDatabases.migrate(db.database(), EventStore.AUTO);
            if (TimescaleDb.installed()) {
                assertThatThrownBy(() -> HubDatabases.migrate(db.database(), EventStore.TIMESCALEDB))
                        .isInstanceOf(EventStoreException.class)
                        .hasMessageContaining("created earlier as native daily partitions");
            }
        }
        TimescaleDb.assumeUsable("EventStoreIT.eachModeCreatesTheStoreItPromises (hypertable part)");
        for (EventStore mode : List.of(EventStore.AUTO, EventStore.TIMESCALEDB)) {
            try (TestDatabase db = TestDatabase.createEmpty()) {
                HubDatabases.migrate(db.database(), mode);
                DataSource ds = db.database().dataSource();
                assertThat(query(ds, "SELECT hypertable_name::text FROM timescaledb_information.hypertables"))
                        .as(mode.name()).containsExactly("event");
                HubDatabases.migrate(db.database(), EventStore.AUTO);
                assertThatThrownBy(() -> HubDatabases.migrate(db.database(), EventStore.NATIVE))
                        .hasMessageContaining("created earlier as TimescaleDB hypertable");
            }
        }
    }

    @Test
    void bothStoresTakeTheSameWritesDeduplicateRedeliveriesAndCount() throws Exception {
        assertSameWritesAndCounts(EventStore.NATIVE);
        TimescaleDb.assumeUsable("EventStoreIT.bothStoresTakeTheSameWrites (hypertable part)");
        assertSameWritesAndCounts(EventStore.TIMESCALEDB);
    }

    private static void assertSameWritesAndCounts(EventStore mode) throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            HubDatabases.migrate(db.database(), mode);
            DataSource ds = db.database().dataSource();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            new EventRetention(ds, new HubConfig.Retention(Duration.ofDays(30), Duration.ofDays(365),
                    Duration.ofDays(30)), Clock.fixed(now, ZoneOffset.UTC)).run();
            // Two now, one a month old (native: the default partition; hypertable: a chunk of its own).
            List<Instant> times = List.of(now, now, now.minus(Duration.ofDays(30)));
            assertThat(insert(ds, times)).as(mode + ": stored").isEqualTo(3);
            assertThat(insert(ds, times)).as(mode + ": a redelivery is a no-op").isZero();
            List<BucketCount> counts = new PostgisStats(ds).eventCounts("c1", now.minus(Duration.ofDays(31)),
                    now.plus(Duration.ofMinutes(1)), Duration.ofDays(1));
            assertThat(counts.stream().mapToLong(BucketCount::count).sum()).as(mode + ": counted").isEqualTo(3);
            assertThat(counts).hasSize(2);
        }
    }

    /** The ingest store's own INSERT (ON CONFLICT DO NOTHING); returns the rows it stored. */
    private static int insert(DataSource ds, List<Instant> times) throws Exception {
        int n = times.size();
        String[] ids = new String[n];
        Long[] at = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "e-" + i;
            at[i] = PostgisIngestStore.micros(times.get(i));
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(GatewaySql.INSERT_EVENTS)) {
            ps.setArray(1, texts(c, n, "gate-1"));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("int8", at));
            ps.setArray(4, c.createArrayOf("int8", at));
            ps.setArray(5, texts(c, n, "c1"));
            ps.setArray(6, texts(c, n, "gate"));
            ps.setArray(7, texts(c, n, "heartbeat"));
            ps.setArray(8, texts(c, n, "technical"));
            ps.setArray(9, texts(c, n, null));
            ps.setString(10, "[" + String.join(",", java.util.Collections.nCopies(n, "{}")) + "]");
            ps.setArray(11, texts(c, n, null));
            int stored = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored++;
                }
            }
            return stored;
        }
    }

    private static Array texts(Connection c, int n, String value) throws Exception {
        String[] values = new String[n];
        Arrays.fill(values, value);
        return c.createArrayOf("text", values);
    }

    @Test
    void aRoleWithoutCreateOnTheDatabaseGetsNativeUnderAutoAndTheFixUnderTimescaledb() throws Exception {
        TimescaleDb.assumeUsable("EventStoreIT.aRoleWithoutCreateOnTheDatabase...");
        String role = "it_nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        String password = UUID.randomUUID().toString();
        PrivateServices.superuserSql("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        try (TestDatabase db = TestDatabase.createEmpty()) {
            // Tables in the public schema, but no CREATE on the database: a trusted extension needs that.
            PrivateServices.superuserSql(db.name(), "GRANT CREATE ON SCHEMA public TO " + role);
            try (PostgisDatabase asRole = PostgisDatabase.open(db.jdbcUrl(), role, password, 2)) {
                assertThatThrownBy(() -> HubDatabases.migrate(asRole, EventStore.TIMESCALEDB))
                        .isInstanceOf(EventStoreException.class)
                        .hasMessageContaining("role " + role + " may not create the timescaledb extension in database "
                                + db.name())
                        .hasMessageContaining("as a superuser run CREATE EXTENSION timescaledb;")
                        .hasMessageContaining("GRANT CREATE ON DATABASE " + db.name() + " TO " + role);
                HubDatabases.migrate(asRole, EventStore.AUTO);
                assertThat(query(asRole.dataSource(), "SELECT relkind::text FROM pg_class WHERE oid = 'event'::regclass"))
                        .containsExactly("p");
            }
        } finally {
            PrivateServices.superuserSql("postgres", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aDatabaseMigratedWithTheEarlierV100StillMigratesAndTheChecksumIsKnown() throws Exception {
        try (TestDatabase fresh = TestDatabase.createEmpty()) {
            HubDatabases.migrate(fresh.database(), EventStore.NATIVE);
            assertThat(v100Checksum(fresh.database().dataSource()))
                    .as("V100 changed: record the new checksum in EventStoreSetup, keep existing installs migrating")
                    .isEqualTo(EventStoreSetup.V100_CHECKSUM);
        }
        try (TestDatabase old = TestDatabase.createEmpty()) {
            // The release before: V100 as it was first shipped (a copy in test resources).
            Flyway.configure().dataSource(old.database().dataSource())
                    .locations(PostgisDatabase.GEO_MIGRATIONS, "classpath:db/legacy-gateway").target("100").load().migrate();
            DataSource ds = old.database().dataSource();
            assertThat(v100Checksum(ds)).isEqualTo(EventStoreSetup.V100_EARLIER_CHECKSUM);
            HubDatabases.migrate(old.database(), EventStore.AUTO);
            assertThat(v100Checksum(ds)).isEqualTo(EventStoreSetup.V100_CHECKSUM);
            assertThat(query(ds, "SELECT version FROM flyway_schema_history WHERE version = '101' AND success"))
                    .containsExactly("101");
        }
    }

    private static int v100Checksum(DataSource ds) throws Exception {
        return Integer.parseInt(query(ds, "SELECT checksum::text FROM flyway_schema_history WHERE version = '100'").get(0));
    }

    private static List<String> query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
