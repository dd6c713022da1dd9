package org.communityhub.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.communityhub.geo.testing.HubTestServices;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the private cluster can hold a TimescaleDB hypertable (installed and preloaded: {@code
 * ./hub services up} preloads it whenever it is installed). Where it is not, the hypertable cases
 * are skipped with a printed line; with {@code HUB_TEST_TIMESCALEDB=required} (CI installs it) they
 * fail instead, so the hypertable path can never be skipped there unnoticed. Thread-safe.
 */
public final class TimescaleDb {

    private static final String QUERY = """
            SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'),
                   EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time')""";

    private TimescaleDb() {
    }

    /** TimescaleDB is installed for the private cluster's PostgreSQL (preloaded or not). */
    public static boolean installed() {
        return state()[0];
    }

    /** Skips (or, where required, fails) the calling test unless hypertables can be made. */
    public static void assumeUsable(String testCase) {
        boolean[] s = state();
        if (!s[0]) {
            skip(testCase, "TimescaleDB is not installed (as root: ../shared/tools/install-timescaledb)");
        } else if (!s[1]) {
            skip(testCase, "TimescaleDB is installed but the private cluster does not preload it (./hub services up does)");
        }
    }

    /** Skips (or, where required, fails) the calling test unless TimescaleDB is installed. */
    public static void assumeInstalled(String testCase) {
        if (!installed()) {
            skip(testCase, "TimescaleDB is not installed (as root: ../shared/tools/install-timescaledb)");
        }
    }

    private static void skip(String testCase, String why) {
        if ("required".equals(System.getenv("HUB_TEST_TIMESCALEDB"))) {
            throw new AssertionError(testCase + ": HUB_TEST_TIMESCALEDB=required, but " + why);
        }
        System.out.println("SKIPPED (TimescaleDB hypertable path): " + testCase + ": " + why);
        Assumptions.abort(why);
    }

    private static boolean[] state() {
        try (Connection c = DriverManager.getConnection(HubTestServices.dbUrl(), HubTestServices.dbUser(),
                HubTestServices.dbPassword()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return new boolean[] {rs.getBoolean(1), rs.getBoolean(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the private cluster: " + e.getMessage(), e);
        }
    }
}
