package org.communityhub.gateway.postgis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The erasure tombstone ({@code erased_person}): references are kept only as HMAC-SHA256 with the
 * installation's {@link InstallationSecrets#PERSON_KEY}. An erasure records the hash under an exclusive
 * advisory lock; ingestion, before inserting events that carry references, takes the same lock shared
 * and asks which of them are erased. So an ingest transaction either commits before the erasure deletes
 * (and its events are deleted) or sees the tombstone. Cost: one HMAC per reference and one indexed query
 * per batch. Thread-safe (the key is read once; each thread keys one {@link Mac} once and reuses it: looking a
 * {@code Mac} up and keying it cost more than the HMAC of a short reference).
 */
final class ErasedPersons {

    private final DataSource dataSource;
    private volatile byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    ErasedPersons(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The reference's hash, hex. */
    String hash(String ref) {
        // doFinal leaves the Mac keyed and reset for the next reference.
        return HexFormat.of().formatHex(macs.get().doFinal(ref.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What audit entries and redacted records name the person by: stable, not reversible without the key. */
    String pseudonym(String ref) {
        return "person-" + hash(ref).substring(0, 16);
    }

    /** Records the tombstone inside the caller's transaction, after waiting for in-flight ingestion of references. */
    void tombstone(Connection c, String ref) throws SQLException {
        lock(c, PrivacySql.LOCK_EXCLUSIVE);
        try (PreparedStatement ps = c.prepareStatement(PrivacySql.TOMBSTONE)) {
            ps.setString(1, hash(ref));
            ps.executeUpdate();
        }
    }

    /** Which of {@code refs} are erased, inside the caller's (ingest) transaction. */
    Set<String> erasedAmong(Connection c, Collection<String> refs) throws SQLException {
        if (refs.isEmpty()) {
            return Set.of();
        }
        lock(c, PrivacySql.LOCK_SHARED);
        Map<String, String> byHash = new HashMap<>();
        refs.forEach(r -> byHash.put(hash(r), r));
        Set<String> erased = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(PrivacySql.ERASED_AMONG)) {
            ps.setArray(1, c.createArrayOf("text", byHash.keySet().toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    erased.add(byHash.get(rs.getString(1)));
                }
            }
        }
        return erased;
    }

    private static void lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, PrivacySql.ERASURE_LOCK);
            ps.executeQuery().close();
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = new InstallationSecrets(dataSource).getOrCreate(InstallationSecrets.PERSON_KEY);
            key = k;
        }
        return k;
    }
}
