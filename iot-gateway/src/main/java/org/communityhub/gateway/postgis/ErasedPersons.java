package org.communityhub.gateway.postgis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The erasure tombstone ({@code erased_person}): references are kept only as HMAC-SHA256 with the
 * installation's {@link InstallationSecrets#PERSON_KEY}. An erasure records the hash under an exclusive
 * advisory lock; ingestion takes the same lock shared and matches its events' reference hashes ({@link #hash})
 * against the tombstone in the statement that inserts them, after the lock ({@link GatewaySql#INGEST_EVENTS}). So
 * an ingest transaction either commits before the erasure deletes (and its events are deleted) or sees the
 * tombstone. Cost: one HMAC per reference; a reference seen recently costs a map lookup instead of its HMAC (up to
 * {@link #CACHED} hashes, about 4 MB, forgotten all at once when full; the HMAC, its hex text and the map they went
 * through were about 4 % of the hub's CPU samples at 10,000 events/s, each gate event naming a person).
 * Thread-safe (the key is read once; each thread keys one {@link Mac} once and reuses it: looking a
 * {@code Mac} up and keying it cost more than the HMAC of a short reference).
 */
final class ErasedPersons {

    private final DataSource dataSource;
    private volatile byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    /** Recent references' hashes (the same key gives the same hash for the life of the installation). */
    private final ConcurrentHashMap<String, String> hashes = new ConcurrentHashMap<>();
    /** How many hashes {@link #hashes} keeps before it starts afresh. */
    static final int CACHED = 20_000;

    ErasedPersons(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The reference's hash, hex. */
    String hash(String ref) {
        String known = hashes.get(ref);
        if (known != null) {
            return known;
        }
        // doFinal leaves the Mac keyed and reset for the next reference.
        String hash = HexFormat.of().formatHex(macs.get().doFinal(ref.getBytes(StandardCharsets.UTF_8)));
        if (hashes.size() >= CACHED) {
            hashes.clear();
        }
        hashes.put(ref, hash);
        return hash;
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
