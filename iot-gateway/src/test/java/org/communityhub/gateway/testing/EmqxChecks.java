package org.communityhub.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What EMQX 5's PostgreSQL authenticator and authorizer do with the configuration in {@code docs/emqx.md}, done
 * independently of the hub's code: the configuration is read from that file; each query is run as EMQX runs it
 * (every {@code ${var}} placeholder becomes a positional parameter of a prepared statement); a password is checked
 * with a PBKDF2 of its own (RFC 8018 over {@link Mac}) with the configured {@code mac_fun}, {@code iterations} and
 * {@code dk_length}, the salt column's text as its bytes, compared as lower-case hex (as {@code emqx_passwd} does);
 * rules are walked in the order returned, the first whose action and topic filter match decides (EMQX's
 * {@code emqx_topic:match}), else {@code no_match}. Immutable; thread-safe.
 *
 * @param authnQuery  the authenticator's {@code query}
 * @param authzQuery  the PostgreSQL authorization source's {@code query}
 * @param macFun      {@code password_hash_algorithm.mac_fun}
 * @param iterations  {@code password_hash_algorithm.iterations}
 * @param dkLength    {@code password_hash_algorithm.dk_length}
 * @param noMatch     {@code authorization.no_match}
 */
public record EmqxChecks(String authnQuery, String authzQuery, String macFun, int iterations, int dkLength,
                         String noMatch) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    /** The outcome of the PostgreSQL authenticator. */
    public enum Login {
        /** The password matches the row. */
        ACCEPTED,
        /** A row, and the password does not match it. */
        WRONG_PASSWORD,
        /** No row: EMQX asks the next authenticator (which holds only service logins): refused. */
        NO_ROW
    }

    /** Reads the HOCON block of {@code docs/emqx.md}. */
    public static EmqxChecks fromDocs() throws IOException {
        String doc = Files.readString(docs(), StandardCharsets.UTF_8);
        int start = doc.indexOf("```hocon");
        String hocon = doc.substring(start, doc.indexOf("```", start + 8));
        List<String> queries = all(hocon, "query = \"(.*)\"");
        return new EmqxChecks(queries.stream().filter(q -> q.contains("password_hash")).findFirst().orElseThrow(),
                queries.stream().filter(q -> q.contains("permission")).findFirst().orElseThrow(),
                all(hocon, "mac_fun = (\\w+)").get(0), Integer.parseInt(all(hocon, "iterations = (\\d+)").get(0)),
                Integer.parseInt(all(hocon, "dk_length = (\\d+)").get(0)), all(hocon, "no_match = (\\w+)").get(0));
    }

    /** The authenticator's answer for a CONNECT with this username, client id and password. */
    public Login login(Connection c, String username, String clientId, String password) throws SQLException {
        try (PreparedStatement ps = prepare(c, authnQuery, Map.of("username", username, "clientid", clientId,
                "password", password)); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Login.NO_ROW;
            }
            if (rs.getBoolean("is_superuser")) {
                throw new AssertionError("a device login must never be a superuser: " + username);
            }
            String expected = HexFormat.of().formatHex(pbkdf2(password.getBytes(StandardCharsets.UTF_8),
                    rs.getString("salt").getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    rs.getString("password_hash").getBytes(StandardCharsets.US_ASCII)) ? Login.ACCEPTED : Login.WRONG_PASSWORD;
        }
    }

    /** Whether EMQX allows {@code action} ({@code publish} or {@code subscribe}) on {@code topic} for this client. */
    public boolean allows(Connection c, String username, String clientId, String action, String topic) throws SQLException {
        try (PreparedStatement ps = prepare(c, authzQuery, Map.of("username", username, "clientid", clientId));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String ruleAction = rs.getString("action");
                String filter = rs.getString("topic");
                if (filter.contains("${") || filter.startsWith("eq ")) {
                    throw new AssertionError("a rule this check does not model: " + filter);
                }
                if ((ruleAction.equals("all") || ruleAction.equals(action)) && matches(topic, filter)) {
                    return rs.getString("permission").equals("allow");
                }
            }
        }
        return noMatch.equals("allow");
    }

    /** {@code emqx_topic:match(Name, Filter)}: word by word; '+' one word, '#' the rest; '$' topics need a literal start. */
    static boolean matches(String name, String filter) {
        String[] n = name.split("/", -1);
        String[] f = filter.split("/", -1);
        if (name.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= n.length || !(f[i].equals("+") || f[i].equals(n[i]))) {
                return false;
            }
        }
        return n.length == f.length;
    }

    private byte[] pbkdf2(byte[] password, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("Hmac" + macFun.toUpperCase(Locale.ROOT));
            mac.init(new SecretKeySpec(password, mac.getAlgorithm()));
            int hLen = mac.getMacLength();
            byte[] out = new byte[dkLength];
            for (int block = 1, off = 0; off < dkLength; block++, off += hLen) {
                mac.update(salt);
                byte[] u = mac.doFinal(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8),
                    (byte) block});
                byte[] t = u.clone();
                for (int i = 1; i < iterations; i++) {
                    u = mac.doFinal(u);
                    for (int k = 0; k < t.length; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, off, Math.min(hLen, dkLength - off));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String query, Map<String, String> vars) throws SQLException {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        PreparedStatement ps = c.prepareStatement(sql.toString());
        for (int i = 0; i < names.size(); i++) {
            ps.setString(i + 1, vars.get(names.get(i)));
        }
        return ps;
    }

    private static List<String> all(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            throw new AssertionError("docs/emqx.md names no " + regex);
        }
        return out;
    }

    private static Path docs() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("docs/emqx.md");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("docs/emqx.md not found");
    }
}
