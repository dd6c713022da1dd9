package org.communityhub.gateway.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.responders.NewRosterEntry;
import org.communityhub.gateway.responders.OnDuty;
import org.communityhub.gateway.responders.RosterEntry;
import org.communityhub.gateway.responders.RosterStore;

/**
 * {@link RosterStore} on PostgreSQL ({@link RosterSql}, V260): who is on duty is decided by the database function
 * {@code hub_on_duty} on the database's clock, the same one the alert trigger pages with. Each change is one short
 * transaction with its audit entry (never the phone number itself). Thread-safe; one pooled connection per call.
 */
public final class PostgisRoster implements RosterStore {

    private final DataSource dataSource;

    public PostgisRoster(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public RosterEntry create(NewRosterEntry n, String actor, String remote) {
        return transaction(c -> {
            if (!Jdbc.exists(c, RosterSql.COMMUNITY_EXISTS, n.community())) {
                throw new IllegalArgumentException("community: no community '" + n.community() + "'");
            }
            checkUser(c, n);
            long id;
            try (PreparedStatement ps = c.prepareStatement(RosterSql.INSERT)) {
                Jdbc.bind(ps, n.username(), n.community(), n.tier(),
                        c.createArrayOf("integer", n.days().toArray()), n.start(), n.end(), n.from(), n.until(),
                        n.minSeverity().code(), n.note(), actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            RosterEntry e = entries(c, RosterSql.FIND, id).get(0);
            audit(c, actor, "roster.create", Long.toString(id), n.community(), describe(e), remote);
            return e;
        });
    }

    /** Only a security login of the entry's community or an admin can act on its alerts. */
    private static void checkUser(Connection c, NewRosterEntry n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RosterSql.USER)) {
            ps.setString(1, n.username());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("user: no login '" + n.username() + "'");
                }
                String role = rs.getString(1);
                if (!"admin".equals(role) && !("security".equals(role) && n.community().equals(rs.getString(2)))) {
                    throw new IllegalArgumentException("user: must be a security login of community '" + n.community()
                            + "' or an admin (who can act on its alerts)");
                }
            }
        }
    }

    @Override
    public List<RosterEntry> list(String community) {
        return transaction(c -> entries(c, RosterSql.LIST, community, community));
    }

    @Override
    public boolean delete(long id, String actor, String remote) {
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RosterSql.DELETE)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    audit(c, actor, "roster.delete", Long.toString(id), rs.getString(2), rs.getString(1) + " tier "
                            + rs.getInt(3), remote);
                    return true;
                }
            }
        });
    }

    @Override
    public List<RosterEntry> onDutyNow(String community) {
        return transaction(c -> entries(c, RosterSql.NOW, community));
    }

    @Override
    public List<OnDuty> paged(long alertId, int tier) {
        return transaction(c -> {
            List<OnDuty> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(RosterSql.PAGED)) {
                Jdbc.bind(ps, alertId, tier);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OnDuty(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean setPhone(String username, String phone, String actor, String remote) {
        if (phone != null && !phone.matches(NewRosterEntry.PHONE)) {
            throw new IllegalArgumentException("phone: digits only (6–20, an optional leading +), e.g. 13800138000");
        }
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RosterSql.SET_PHONE)) {
                Jdbc.bind(ps, phone, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    try (PreparedStatement a = c.prepareStatement(AlertSql.AUDIT)) {
                        Jdbc.bind(a, actor, "user.phone", "user", username, rs.getString(1),
                                phone == null ? "staff phone cleared" : "staff phone set", remote);
                        a.executeUpdate();
                    }
                    return true;
                }
            }
        });
    }

    private static List<RosterEntry> entries(Connection c, String sql, Object... params) throws SQLException {
        List<RosterEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RosterEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            Arrays.asList((Integer[]) rs.getArray(5).getArray()), rs.getObject(6, LocalTime.class),
                            rs.getObject(7, LocalTime.class), rs.getObject(8, LocalDate.class),
                            rs.getObject(9, LocalDate.class), Severity.fromCode(rs.getString(10)).orElseThrow(),
                            rs.getString(11), rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant()));
                }
            }
        }
        return out;
    }

    private static String describe(RosterEntry e) {
        return e.username() + " tier " + e.tier() + " days " + e.days() + " " + e.start() + "–" + e.end()
                + (e.from() == null ? "" : " from " + e.from()) + (e.until() == null ? "" : " until " + e.until())
                + (e.minSeverity() == Severity.LOW ? "" : " from " + e.minSeverity().code());
    }

    private static void audit(Connection c, String actor, String action, String id, String community, String detail,
                              String remote) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AlertSql.AUDIT)) {
            Jdbc.bind(ps, actor, action, "roster", id, community, detail, remote);
            ps.executeUpdate();
        }
    }

    private <T> T transaction(Jdbc.Work<T> work) {
        return Jdbc.transaction(dataSource, "duty roster", work);
    }
}
