package org.communityhub.geo.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.communityhub.geo.postgis.PostgisDatabase;

/**
 * A fresh, migrated database of its own for one integration test class, on the real private
 * PostGIS cluster. Created from {@code hub_template} (which carries the PostGIS extension) in
 * about a second, dropped again on {@link #close()}. Tests therefore never see each other's rows
 * and can run while a demo uses the {@code hub} database.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final String jdbcUrl;
    private final PostgisDatabase database;

    private TestDatabase(String name, String jdbcUrl, PostgisDatabase database) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.database = database;
    }

    /** Creates and migrates a database with the given Flyway locations. */
    public static TestDatabase create(List<String> migrationLocations) {
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        createFromTemplate(name);
        String url = withDatabase(HubTestServices.dbUrl(), name);
        PostgisDatabase db = PostgisDatabase.open(url, HubTestServices.dbUser(), HubTestServices.dbPassword(), 8);
        if (!migrationLocations.isEmpty()) {
            db.migrate(migrationLocations);
        }
        return new TestDatabase(name, url, db);
    }

    /**
     * A database with no migrations applied yet (PostGIS only, from the template), for tests that
     * migrate it themselves, e.g. through the hub's own event-store decision.
     */
    public static TestDatabase createEmpty() {
        return create(List.of());
    }

    /** A database with geo-service's schema only. */
    public static TestDatabase createGeo() {
        return create(List.of(PostgisDatabase.GEO_MIGRATIONS));
    }

    public PostgisDatabase database() {
        return database;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        database.close();
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    /**
     * CREATE DATABASE … TEMPLATE needs the template to have no other session: a background worker
     * (autovacuum, TimescaleDB's job launcher) may hold one for a moment, so "in use" is tried again
     * for up to 20 s.
     */
    private static void createFromTemplate(String name) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                execute("CREATE DATABASE " + name + " TEMPLATE hub_template OWNER " + HubTestServices.dbUser());
                return;
            } catch (IllegalStateException e) {
                boolean inUse = e.getCause() instanceof SQLException sql && "55006".equals(sql.getSQLState());
                if (!inUse || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /** As the admin login: the hub's runtime role may not create or drop databases. */
    private static void execute(String sql) {
        String admin = withDatabase(HubTestServices.dbUrl(), "postgres");
        try (Connection c = DriverManager.getConnection(admin, HubTestServices.dbAdminUser(),
                HubTestServices.dbAdminPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test cluster: " + e.getMessage(), e);
        }
    }
}
