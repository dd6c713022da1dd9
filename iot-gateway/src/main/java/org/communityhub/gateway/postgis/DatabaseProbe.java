package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The health probe's database check ({@code GET /health}, readiness): true when a pooled connection
 * answers {@link Connection#isValid} within {@value #TIMEOUT_SECONDS} s. Blocking (JDBC): call it on a
 * worker, never on an event loop. Cost: one pool checkout and one round trip. Thread-safe.
 */
public final class DatabaseProbe implements BooleanSupplier {

    static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the database answers; false on any failure (never throws). */
    @Override
    public boolean getAsBoolean() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(TIMEOUT_SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
