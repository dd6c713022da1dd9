package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.communityhub.gateway.config.HubConfig.EventStore;
import org.communityhub.gateway.postgis.EventStoreFacts.Choice;
import org.communityhub.gateway.postgis.EventStoreFacts.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the event store before the migrations run ({@code HUB_EVENT_STORE}, see
 * {@link EventStoreFacts#decide}), creates the TimescaleDB extension when a hypertable is chosen and
 * it does not exist yet, and logs the decision in one line. Migration V100 then reads the decision
 * from the session setting {@code hub.event_store} ({@link Choice#sessionSql()}, handed to Flyway as
 * its init SQL). Deciding in Java rather than in the migration keeps a FATAL {@code CREATE EXTENSION}
 * (TimescaleDB installed but not preloaded) from ever being attempted, and lets an explicit
 * {@code timescaledb} fail fast with the fix.
 *
 * <p>V100's text changed when its decision moved here. Flyway records a checksum per applied
 * migration and refuses to migrate when a file no longer matches it; the schema V100 made earlier is
 * exactly what the new text makes for the same decision, so an install migrated with the earlier text
 * ({@link #V100_EARLIER_CHECKSUM}) gets the new checksum recorded ({@link #V100_CHECKSUM}) — only that
 * pair, so any other edit of an applied migration is still refused. A placeholder in V100 would not
 * have helped: adding it changes the text (and checksum) just the same.
 *
 * <p>Cost: two or three short queries per start. Not thread-safe; run once, before migrating.
 */
public final class EventStoreSetup {

    /** Flyway's checksum of V100 as released first ({@code CREATE EXTENSION} whenever it was available). */
    static final int V100_EARLIER_CHECKSUM = 1_317_234_232;
    /** Flyway's checksum of V100 now; EventStoreIT fails when the file changes without this. */
    static final int V100_CHECKSUM = 623_513_539;

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreSetup.class);

    private final DataSource dataSource;

    public EventStoreSetup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Decides and prepares; returns the init SQL that hands the decision to the migrations.
     *
     * @throws EventStoreException when {@code mode} cannot be honoured here (the message has the fix)
     */
    public String prepare(EventStore mode) {
        try (Connection c = dataSource.getConnection()) {
            acceptEarlierV100(c);
            EventStoreFacts facts = facts(c);
            Choice choice = facts.decide(mode);
            if (choice.createExtension()) {
                choice = createExtension(c, choice, mode);
            }
            if (choice.notable()) {
                LOG.warn(choice.logLine());
            } else {
                LOG.info(choice.logLine());
            }
            return choice.sessionSql();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the database for the event store: " + e.getMessage(), e);
        }
    }

    private static Choice createExtension(Connection c, Choice chosen, EventStore mode) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(EventStoreSql.CREATE_EXTENSION);
            return chosen;
        } catch (SQLException e) {
            if (facts(c).created()) {
                return chosen; // another instance starting at the same time created it
            }
            String failed = "CREATE EXTENSION timescaledb failed: " + e.getMessage().strip();
            if (mode == EventStore.TIMESCALEDB) {
                throw new EventStoreException("HUB_EVENT_STORE=timescaledb, but " + failed
                        + "; as a superuser run CREATE EXTENSION timescaledb; in this database, or set HUB_EVENT_STORE=native");
            }
            return new Choice(Kind.NATIVE, false, "HUB_EVENT_STORE=auto: " + failed, true);
        }
    }

    private static EventStoreFacts facts(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EventStoreSql.FACTS)) {
            rs.next();
            String relkind = rs.getString("existing");
            Kind existing = relkind == null ? null : "p".equals(relkind) ? Kind.NATIVE : Kind.HYPERTABLE;
            return new EventStoreFacts(existing, rs.getBoolean("installed"), rs.getBoolean("created"),
                    rs.getBoolean("preloaded"), rs.getBoolean("permitted"), rs.getString("current_user"),
                    rs.getString("current_database"));
        }
    }

    private static void acceptEarlierV100(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EventStoreSql.HISTORY_EXISTS)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(EventStoreSql.UPDATE_CHECKSUM)) {
            ps.setInt(1, V100_CHECKSUM);
            ps.setString(2, "100");
            ps.setInt(3, V100_EARLIER_CHECKSUM);
            if (ps.executeUpdate() > 0) {
                LOG.info("schema history: migration 100 recorded with its current checksum (its event-store "
                        + "decision moved into the hub; the schema it made is unchanged)");
            }
        }
    }
}
