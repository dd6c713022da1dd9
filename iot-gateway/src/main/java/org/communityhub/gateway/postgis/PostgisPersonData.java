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
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.privacy.PersonData;

/** {@link PersonData} and {@link AuditLog} on PostgreSQL. Thread-safe. */
public final class PostgisPersonData implements PersonData, AuditLog {

    private final DataSource dataSource;

    public PostgisPersonData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<PersonEvent> export(String personRef) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(GatewaySql.PERSON_EVENTS)) {
            ps.setString(1, personRef);
            List<PersonEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PersonEvent(rs.getString(1), new StoredEvent(rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public int erase(String personRef) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String[]> erased = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(GatewaySql.PERSON_ERASE)) {
                    ps.setString(1, personRef);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            erased.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
                for (String[] e : erased) {
                    try (PreparedStatement ps = c.prepareStatement(GatewaySql.PERSON_PSEUDONYMISE_ALERTS)) {
                        PostgisAlertStore.bind(ps, e[1], e[0], e[1]);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(GatewaySql.PERSON_PSEUDONYMISE_SOURCES)) {
                        PostgisAlertStore.bind(ps, e[0], e[1]);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return erased.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AuditEntry> list(String objectType, String objectId, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(GatewaySql.AUDIT_LIST)) {
            PostgisAlertStore.bind(ps, objectType, objectType, objectId, objectId, limit);
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
            PostgisAlertStore.bind(ps, actor, action, objectType, objectId, community, detail, remote);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit log unavailable: " + e.getMessage(), e);
        }
    }
}
