package org.communityhub.gateway.postgis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.communityhub.gateway.auth.Role;
import org.communityhub.gateway.auth.StoredUser;
import org.communityhub.gateway.auth.UserStore;

/** {@link UserStore} on PostgreSQL. Thread-safe. */
public final class PostgisUserStore implements UserStore {

    private final DataSource dataSource;

    public PostgisUserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<StoredUser> find(String username) {
        List<StoredUser> users = query(UserSql.FIND, username);
        return users.stream().findFirst();
    }

    @Override
    public List<StoredUser> list() {
        return query(UserSql.LIST);
    }

    @Override
    public void upsert(String username, String passwordHash, Role role, String community) {
        upsert(username, passwordHash, role, community, List.of());
    }

    @Override
    public void upsert(String username, String passwordHash, Role role, String community, List<String> grids) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Jdbc.update(c, UserSql.UPSERT, username, passwordHash, role.code(), community);
                Jdbc.update(c, UserSql.GRIDS_CLEAR, username);
                for (String g : grids) {
                    Jdbc.update(c, UserSql.GRIDS_ADD, username, g);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState()) || "23514".equals(e.getSQLState())) {
                throw new IllegalArgumentException(describe(e), e);
            }
            throw new IllegalStateException(describe(e), e);
        }
    }

    @Override
    public Map<String, String> gridCommunities(Collection<String> grids) {
        Map<String, String> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(UserSql.GRID_COMMUNITIES)) {
            ps.setArray(1, c.createArrayOf("text", grids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }

    @Override
    public List<String> grids(String username) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.strings(c, UserSql.GRIDS_OF, username);
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }

    @Override
    public boolean delete(String username) {
        return execute(UserSql.DELETE, username) > 0;
    }

    @Override
    public Map<String, StoredUser> findAll(Collection<String> usernames) {
        Map<String, StoredUser> out = new HashMap<>();
        if (usernames.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection()) {
            Array names = c.createArrayOf("text", usernames.toArray());
            query(c, UserSql.FIND_ALL, names).forEach(u -> out.put(u.username(), u));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }

    @Override
    public void recordFailure(String username, Instant at, int lockAfter, Duration window, Duration lockFor) {
        execute(UserSql.FAILURE, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), window.toSeconds(), lockAfter,
                lockFor.toSeconds(), username);
    }

    @Override
    public void recordSuccess(String username) {
        execute(UserSql.SUCCESS, username);
    }

    @Override
    public void audit(String actor, String action, String objectType, String objectId, String community, String detail,
                      String remote) {
        execute(UserSql.AUDIT, actor, action, objectType, objectId, community, detail, remote);
    }

    private int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState()) || "23514".equals(e.getSQLState())) {
                throw new IllegalArgumentException(describe(e), e);
            }
            throw new IllegalStateException(describe(e), e);
        }
    }

    private List<StoredUser> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e), e);
        }
    }

    private static List<StoredUser> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            List<StoredUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp locked = rs.getTimestamp(6);
                    out.add(new StoredUser(rs.getString(1), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(),
                            rs.getString(4), rs.getInt(5), locked == null ? null : locked.toInstant(), rs.getInt(7)));
                }
            }
            return out;
        }
    }

    private static String describe(SQLException e) {
        if ("23503".equals(e.getSQLState())) {
            return "the community does not exist (import it first)";
        }
        if ("23514".equals(e.getSQLState())) {
            return "invalid user: the name must be 1–64 of A-Z a-z 0-9 _ . @ -, and non-admins need a community";
        }
        return "user store unavailable: " + e.getMessage();
    }
}
