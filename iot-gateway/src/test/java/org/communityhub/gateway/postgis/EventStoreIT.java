package org.communityhub.gateway.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.communityhub.gateway.HubApplication;
import org.communityhub.gateway.config.HubConfig.EventStore;
import org.communityhub.gateway.testing.PrivateServices;
import org.communityhub.gateway.testing.TimescaleDb;
import org.communityhub.geo.postgis.PostgisDatabase;
import org.communityhub.geo.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * {@code HUB_EVENT_STORE} on the real private cluster (TimescaleDB preloaded when installed): each
 * mode creates the store it promises, an existing store keeps its kind, a role that may not create
 * the extension gets native partitions under {@code auto} and a fail-fast message with the fix under
 * {@code timescaledb}, and a database migrated with V100's earlier text still migrates. The state
 * "installed but not preloaded" needs a cluster of its own: TimescalePreloadIT.
 */
class EventStoreIT {

    @Test
    void eachModeCreatesTheStoreItPromisesAndAnExistingStoreKeepsItsKind() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            HubApplication.migrate(db.database(), EventStore.NATIVE);
            DataSource ds = db.database().dataSource();
            assertThat(query(ds, "SELECT relkind::text FROM pg_class WHERE oid = 'event'::regclass")).containsExactly("p");
            assertThat(query(ds, "SELECT extname::text FROM pg_extension WHERE extname = 'timescaledb'"))
                    .as("native never creates the extension").isEmpty();
            HubApplication.migrate(db.database(), EventStore.AUTO);
            if (TimescaleDb.installed()) {
                assertThatThrownBy(() -> HubApplication.migrate(db.database(), EventStore.TIMESCALEDB))
                        .isInstanceOf(EventStoreException.class)
                        .hasMessageContaining("created earlier as native daily partitions");
            }
        }
        TimescaleDb.assumeUsable("EventStoreIT.eachModeCreatesTheStoreItPromises (hypertable part)");
        for (EventStore mode : List.of(EventStore.AUTO, EventStore.TIMESCALEDB)) {
            try (TestDatabase db = TestDatabase.createEmpty()) {
                HubApplication.migrate(db.database(), mode);
                DataSource ds = db.database().dataSource();
                assertThat(query(ds, "SELECT hypertable_name::text FROM timescaledb_information.hypertables"))
                        .as(mode.name()).containsExactly("event");
                HubApplication.migrate(db.database(), EventStore.AUTO);
                assertThatThrownBy(() -> HubApplication.migrate(db.database(), EventStore.NATIVE))
                        .hasMessageContaining("created earlier as TimescaleDB hypertable");
            }
        }
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
                assertThatThrownBy(() -> HubApplication.migrate(asRole, EventStore.TIMESCALEDB))
                        .isInstanceOf(EventStoreException.class)
                        .hasMessageContaining("role " + role + " may not create the timescaledb extension in database "
                                + db.name())
                        .hasMessageContaining("as a superuser run CREATE EXTENSION timescaledb;")
                        .hasMessageContaining("GRANT CREATE ON DATABASE " + db.name() + " TO " + role);
                HubApplication.migrate(asRole, EventStore.AUTO);
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
            HubApplication.migrate(fresh.database(), EventStore.NATIVE);
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
            HubApplication.migrate(old.database(), EventStore.AUTO);
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
