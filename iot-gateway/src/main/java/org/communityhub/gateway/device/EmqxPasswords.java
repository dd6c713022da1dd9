package org.communityhub.gateway.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes of device passwords in the form EMQX's password-based authenticators verify with
 * {@code password_hash_algorithm {name = pbkdf2, mac_fun = sha256, iterations = 1000, dk_length = 32}}:
 * PBKDF2-HMAC-SHA256 of the password (UTF-8) with the salt column's text as its bytes (a random hex string
 * here), as lower-case hex. Mosquitto's {@code $7$} form ({@link DevicePasswords}) cannot be verified by EMQX,
 * so the hub stores both (docs/emqx.md). Device passwords are 144 random bits, so the iteration count is not
 * what protects them; a low count keeps a reconnect storm of a million devices cheap for the broker (a quarter
 * of EMQX's default 4,096). Pure; thread-safe; one PBKDF2 of {@link #ITERATIONS} rounds a hash.
 */
public final class EmqxPasswords {

    /** EMQX's {@code mac_fun}. */
    public static final String MAC_FUN = "sha256";
    /** EMQX's {@code iterations}: the configuration must name the count the hashes were made with. */
    public static final int ITERATIONS = 1000;
    /** EMQX's {@code dk_length}, in bytes. */
    public static final int DK_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private EmqxPasswords() {
    }

    /**
     * One login's EMQX form.
     *
     * @param passwordHash lower-case hex of the derived key
     * @param salt         the salt as EMQX reads it (the column's text)
     * @param iterations   PBKDF2 rounds
     */
    public record Hash(String passwordHash, String salt, int iterations) {
    }

    /** A fresh salted hash of {@code password}. */
    public static Hash hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltText = HexFormat.of().formatHex(salt);
        return new Hash(derive(password, saltText, ITERATIONS), saltText, ITERATIONS);
    }

    static String derive(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                    DK_LENGTH * 8);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return HexFormat.of().formatHex(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2-HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
