package org.communityhub.gateway.responders;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests of phone numbers, so that the numbers an SMS delivery already reached can be kept with the delivery
 * (and compared on its retry, by any hub instance, after any restart) without keeping the numbers: HMAC-SHA256 of the
 * number in Alibaba Cloud's form ({@link SmsSettings#normalise}), its first 16 bytes in hex. The key is derived from
 * the installation's channel key (HMAC-SHA256 of {@value #PURPOSE} under it), so it travels with a backup like the
 * channels' sealed secrets, and is never the encryption key itself. Only equality is needed: without the key a digest
 * cannot be tested against guessed numbers. Cost: one HMAC per number. Thread-safe (a {@link Mac} per call).
 */
public final class PhoneDigests {

    static final String PURPOSE = "sms-reached-numbers";
    private static final int BYTES = 16;
    private final SecretKeySpec key;

    private PhoneDigests(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Digests under a key derived from the installation's channel key ({@code channel-secret-key}). */
    public static PhoneDigests fromChannelKey(byte[] channelKey) {
        return new PhoneDigests(hmac(new SecretKeySpec(channelKey, "HmacSHA256"), PURPOSE));
    }

    /** The digest of one number (already normalised: the same number always gives the same digest). */
    public String of(String phone) {
        byte[] full = hmac(key, phone);
        return HexFormat.of().formatHex(full, 0, BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
