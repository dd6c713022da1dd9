package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Tells running gateway instances that the device registry changed (they drop their caches). */
public final class ChangeNotices {

    private ChangeNotices() {
    }

    public static void devicesChanged(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            AlertWriter.notify(c, "devices");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot notify the hub: " + e.getMessage(), e);
        }
    }
}
