package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.device.StoredEvent;
import org.communityhub.gateway.privacy.PersonData;

/**
 * {@link PersonData} on PostgreSQL; the erasure tombstone is {@link ErasedPersons}, the audit log
 * {@link PostgisAuditLog}; a reporter's cases by contact number with {@link PrivacySql}. Thread-safe: each call
 * takes its own connection.
 */
public final class PostgisPersonData implements PersonData {

    private final DataSource dataSource;
    private final ErasedPersons erased;

    public PostgisPersonData(DataSource dataSource) {
        this.dataSource = dataSource;
        this.erased = new ErasedPersons(dataSource);
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
    public List<Mention> mentions(String personRef) {
        String token = PrivacySql.token(personRef);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PrivacySql.MENTIONS)) {
            PostgisAlertStore.bind(ps, token, token, token, personRef, token);
            List<Mention> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Mention(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public String pseudonym(String personRef) {
        return erased.pseudonym(personRef);
    }

    /**
     * Two transactions: first the tombstone and the indexed delete of the person's events (under the
     * erasure lock, which holds back ingestion of person references for that moment only), then the
     * scans for records quoting the reference. A failure in the second leaves the tombstone; running
     * the erasure again completes it.
     */
    @Override
    public int erase(String personRef) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                erased.tombstone(c, personRef);
                int n = deleteEvents(c, GatewaySql.PERSON_ERASE, personRef);
                c.commit();
                String token = PrivacySql.token(personRef);
                n += deleteEvents(c, PrivacySql.ERASE_EVENTS_QUOTING, token);
                update(c, PrivacySql.ERASE_REJECTS_QUOTING, token);
                update(c, PrivacySql.REDACT_ALERT_NOTES, token, token);
                update(c, PrivacySql.REDACT_AUDIT, token, token, erased.pseudonym(personRef), token);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ReportedCase> casesByContact(String phone) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(PrivacySql.CASES_BY_CONTACT)) {
            ps.setString(1, phone);
            return reportedCases(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    /** One transaction: lock the number's cases, delete their report photos, blank the reporter's fields. */
    @Override
    public List<ReportedCase> eraseCaseContacts(String phone) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(PrivacySql.LOCK_BY_CONTACT)) {
                    ps.setString(1, phone);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                List<ReportedCase> erased = List.of();
                if (!ids.isEmpty()) {
                    java.sql.Array array = c.createArrayOf("bigint", ids.toArray());
                    update(c, PrivacySql.ERASE_REPORT_PHOTOS, array);
                    try (PreparedStatement ps = c.prepareStatement(PrivacySql.ERASE_REPORTER)) {
                        PostgisAlertStore.bind(ps, ERASED_TEXT, array);
                        erased = reportedCases(ps);
                    }
                }
                c.commit();
                return erased;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("person data unavailable: " + e.getMessage(), e);
        }
    }

    private static List<ReportedCase> reportedCases(PreparedStatement ps) throws SQLException {
        List<ReportedCase> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ReportedCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9),
                        instant(rs, 10), instant(rs, 11)));
            }
        }
        return out;
    }

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** Deletes events by {@code sql} (returning device and id) and pseudonymises the alerts that cite them. */
    private static int deleteEvents(Connection c, String sql, String parameter) throws SQLException {
        List<String[]> deleted = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] e : deleted) {
            update(c, GatewaySql.PERSON_PSEUDONYMISE_ALERTS, e[1], e[0], e[1]);
            update(c, GatewaySql.PERSON_PSEUDONYMISE_SOURCES, e[0], e[1]);
        }
        return deleted.size();
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            PostgisAlertStore.bind(ps, parameters);
            ps.executeUpdate();
        }
    }
}
