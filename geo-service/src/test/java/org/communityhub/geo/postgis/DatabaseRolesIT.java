package org.communityhub.geo.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.communityhub.geo.testing.HubTestServices;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The private cluster's runtime role {@code hub} has only what the hub needs (issue 14, item 14): it
 * owns its databases but cannot create databases or signal other sessions; test databases are made
 * and dropped by the separate admin login, and the hub's role can still migrate and use them.
 */
class DatabaseRolesIT {

    @Test
    void theRuntimeRoleCannotCreateDatabasesNorSignalOtherSessions() throws SQLException {
        String postgres = HubTestServices.dbUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
        try (Connection c = DriverManager.getConnection(postgres, HubTestServices.dbUser(), HubTestServices.dbPassword());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolcreatedb, rolcreaterole, rolsuper, "
                    + "pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("CREATEDB").isFalse();
                assertThat(rs.getBoolean(2)).as("CREATEROLE").isFalse();
                assertThat(rs.getBoolean(3)).as("SUPERUSER").isFalse();
                assertThat(rs.getBoolean(4)).as("member of pg_signal_backend").isFalse();
            }
            assertThatThrownBy(() -> s.execute("CREATE DATABASE roles_it_forbidden TEMPLATE hub_template"))
                    .hasMessageContaining("permission denied");
        }
        try (TestDatabase db = TestDatabase.createGeo();
             Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("a test database is owned by the runtime role").isEqualTo(HubTestServices.dbUser());
        }
    }
}
