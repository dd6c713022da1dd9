package org.communityhub.gateway.cases;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The code a reporter gets to follow a case without an account. Ten characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), about 49 bits from {@link SecureRandom}: unguessable, yet easy
 * to read out over the phone. It is the only key to a public report's progress, so it is never
 * derived from the case id. Thread-safe.
 */
public final class TrackingCode {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;
    private static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCode() {
    }

    public static String next() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** Whether {@code code} could be a tracking code (upper-cased first: people type lower case). */
    public static boolean wellFormed(String code) {
        return code != null && FORMAT.matcher(code).matches();
    }
}
