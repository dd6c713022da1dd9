package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.audit.AuditEntry;
import org.communityhub.gateway.audit.AuditLog;

/**
 * {@link AuditLog} on PostgreSQL (table {@code audit_log}): one statement per call (a listing walks the
 * table newest first up to its limit). Thread-safe: each call takes its own connection.
 */
public final class PostgisAuditLog implements AuditLog {

    private final DataSource dataSource;

    public PostgisAuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<AuditEntry> list(String objectType, String objectId, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(GatewaySql.AUDIT_LIST)) {
            Jdbc.bind(ps, objectType, objectType, objectId, objectId, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("audit log unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(String actor, String action, String objectType, String objectId, String community,
                       String detail, String remote) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AlertSql.AUDIT)) {
            Jdbc.bind(ps, actor, action, objectType, objectId, community, detail, remote);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit log unavailable: " + e.getMessage(), e);
        }
    }
}
