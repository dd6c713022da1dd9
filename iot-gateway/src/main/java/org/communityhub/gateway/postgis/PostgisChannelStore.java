package org.communityhub.gateway.postgis;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.communityhub.gateway.alert.Severity;
import org.communityhub.gateway.responders.Channel;
import org.communityhub.gateway.responders.ChannelKind;
import org.communityhub.gateway.responders.ChannelStore;
import org.communityhub.gateway.responders.ChannelTarget;
import org.communityhub.gateway.responders.NewChannel;

/**
 * {@link ChannelStore} on PostgreSQL: URL and secret sealed with the installation's channel key ({@link SecretBox}),
 * listings show the URL with its credentials masked, every change audited (never with the secret). Each call is
 * one short transaction. Thread-safe.
 */
public final class PostgisChannelStore implements ChannelStore {

    static final String URL = "url";
    static final String SECRET = "secret";
    private final DataSource dataSource;
    private final SecretBox box;

    public PostgisChannelStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.box = new SecretBox(new InstallationSecrets(dataSource).getOrCreate(InstallationSecrets.CHANNEL_KEY));
    }

    @Override
    public Channel create(NewChannel n, String actor, String remote) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (n.community() != null && !exists(c, ResponderSql.COMMUNITY_EXISTS, n.community())) {
                    throw new IllegalArgumentException("community: no community '" + n.community() + "'");
                }
                Channel created;
                try (PreparedStatement ps = c.prepareStatement(ResponderSql.CHANNEL_INSERT)) {
                    PostgisAlertStore.bind(ps, n.name(), n.kind().code(), box.seal(URL, n.url()), masked(n.url()),
                            box.seal(SECRET, n.secret()), n.community(), n.minSeverity().code(), n.tier(), actor,
                            c.createArrayOf("text", n.topics().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        created = read(rs);
                    }
                }
                audit(c, actor, "channel.create", created.id(), created.community(), describe(created), remote);
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Channel> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ResponderSql.CHANNEL_LIST);
             ResultSet rs = ps.executeQuery()) {
            List<Channel> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("channel store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(long id, String actor, String remote) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ResponderSql.CHANNEL_DELETE)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    audit(c, actor, "channel.delete", id, rs.getString(4), rs.getString(1) + " (" + rs.getString(2)
                            + " " + rs.getString(3) + ")", remote);
                }
                try (PreparedStatement stop = c.prepareStatement(ResponderSql.CHANNEL_STOP_DELIVERIES)) {
                    stop.setLong(1, id);
                    stop.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ChannelTarget> target(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ResponderSql.CHANNEL_TARGET)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readTarget(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel store unavailable: " + e.getMessage(), e);
        }
    }

    /** The channels (deleted ones too) with their secrets, by id, for the delivery worker. */
    Map<Long, ChannelTarget> targets(Connection c, Set<Long> ids) throws SQLException {
        Map<Long, ChannelTarget> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ResponderSql.CHANNEL_TARGETS)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChannelTarget t = readTarget(rs);
                    out.put(t.channel().id(), t);
                }
            }
        }
        return out;
    }

    private ChannelTarget readTarget(ResultSet rs) throws SQLException {
        return new ChannelTarget(read(rs), box.open(URL, rs.getBytes(12)), box.open(SECRET, rs.getBytes(13)));
    }

    private static Channel read(ResultSet rs) throws SQLException {
        return new Channel(rs.getLong(1), rs.getString(2), ChannelKind.fromCode(rs.getString(3)).orElseThrow(),
                rs.getString(4), rs.getBoolean(5), rs.getString(6), Severity.fromCode(rs.getString(7)).orElseThrow(),
                rs.getInt(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                java.util.Arrays.asList((String[]) rs.getArray(11).getArray()));
    }

    /**
     * The URL for listings and logs: scheme, host and port as they are; query values and long path segments (WeCom's
     * key, DingTalk's access_token, Feishu's hook id are credentials) cut to their first four characters.
     */
    static String masked(String url) {
        URI u = URI.create(url);
        StringBuilder out = new StringBuilder(u.getScheme()).append("://").append(u.getRawAuthority());
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty()) {
                out.append('/').append(segment.length() > 20 ? segment.substring(0, 4) + "…" : segment);
            }
        }
        if (path.endsWith("/") && path.length() > 1) {
            out.append('/');
        }
        if (u.getRawQuery() != null) {
            out.append('?');
            String[] pairs = u.getRawQuery().split("&");
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                String value = eq < 0 ? "" : pairs[i].substring(eq + 1);
                out.append(i > 0 ? "&" : "").append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq + 1)
                        + (value.length() > 4 ? value.substring(0, 4) + "…" : "…"));
            }
        }
        return out.toString();
    }

    private static String describe(Channel ch) {
        return ch.name() + " (" + ch.kind().code() + " " + ch.url() + ", tier " + ch.tier() + ", from "
                + ch.minSeverity().code() + (ch.community() == null ? ", every community" : "") + ", for "
                + String.join("+", ch.topics()) + ", secret: "
                + (ch.hasSecret() ? "yes" : "no") + ")";
    }

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            PostgisAlertStore.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void audit(Connection c, String actor, String action, long id, String community, String detail,
                              String remote) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AlertSql.AUDIT)) {
            PostgisAlertStore.bind(ps, actor, action, "channel", Long.toString(id), community, detail, remote);
            ps.executeUpdate();
        }
    }
}
