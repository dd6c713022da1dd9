package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.change.ChangeNotice;
import org.communityhub.gateway.change.ChangeNoticeCodec;

/**
 * Sends {@link ChangeNotice}s on the {@code hub_change} channel ({@code pg_notify}, in the wire form
 * of {@link ChangeNoticeCodec}); every hub instance's {@link ChangeListener} hears them. Inside the
 * caller's transaction a notice goes out only on commit (and not at all on rollback), and equal
 * notices of one transaction fold into one. Cost: one statement per call. Stateless; thread-safe.
 */
public final class ChangePublisher {

    private ChangePublisher() {
    }

    /** Sends {@code notice} within the transaction of {@code c} (on commit). */
    public static void publish(Connection c, ChangeNotice notice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.NOTIFY)) {
            ps.setString(1, ChangeNoticeCodec.encode(notice));
            ps.execute();
        }
    }

    /** Sends {@code notices} within the transaction of {@code c} (on commit), in their order; one statement, none if empty. */
    public static void publishAll(Connection c, List<? extends ChangeNotice> notices) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(GatewaySql.NOTIFY_ALL)) {
            ps.setArray(1, c.createArrayOf("text", notices.stream().map(ChangeNoticeCodec::encode).toArray(String[]::new)));
            ps.execute();
        }
    }

    /** Sends {@code notice} at once, on a connection of its own (e.g. after a CLI import). */
    public static void publish(DataSource ds, ChangeNotice notice) {
        try (Connection c = ds.getConnection()) {
            publish(c, notice);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot notify the hub: " + e.getMessage(), e);
        }
    }
}
