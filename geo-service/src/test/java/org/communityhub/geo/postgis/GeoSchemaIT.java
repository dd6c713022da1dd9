package org.communityhub.geo.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.communityhub.geo.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The geo migrations apply on real PostGIS and the schema enforces codes and valid geometry. */
class GeoSchemaIT {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.createGeo();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void migratesAndHasPostgis() throws SQLException {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT postgis_lib_version(), count(*) FROM community")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("3.");
            assertThat(rs.getInt(2)).isZero();
        }
    }

    @Test
    void rejectsBadCodeAndInvalidPolygon() throws SQLException {
        try (Connection c = db.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO community (code, name, geom) VALUES ('Bad Code', 'x', "
                    + "ST_Multi(ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 1,0 0))', 4326)))"))
                    .hasMessageContaining("community_code_check");
            assertThatThrownBy(() -> s.execute("INSERT INTO community (code, name, geom) VALUES ('bowtie', 'x', "
                    + "ST_Multi(ST_GeomFromText('POLYGON((0 0,1 1,1 0,0 1,0 0))', 4326)))"))
                    .hasMessageContaining("community_geom_check");
        }
    }
}
