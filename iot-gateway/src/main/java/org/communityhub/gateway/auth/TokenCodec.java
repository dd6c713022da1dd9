package org.communityhub.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring bearer tokens: {@code base64url(username|role|community|expiry).base64url(HMAC-SHA256)}.
 * The key is the installation's own secret (generated on first start, never a default). A token
 * names no password and is checked in constant time. Thread-safe (a Mac per call).
 */
public final class TokenCodec {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public TokenCodec(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token signing secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issue(Principal p) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        String body = p.username() + "|" + p.role().code() + "|" + (p.community() == null ? "" : p.community()) + "|"
                + expiry;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(bytes) + "." + ENC.encodeToString(sign(bytes));
    }

    /** The principal of a valid, unexpired token; empty for anything else. */
    public Optional<Principal> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] body = DEC.decode(token.substring(0, dot));
            byte[] mac = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, sign(body))) {
                return Optional.empty();
            }
            String[] f = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
            if (f.length != 4 || Long.parseLong(f[3]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            Optional<Role> role = Role.fromCode(f[1]);
            return role.map(r -> new Principal(f[0], r, f[2].isEmpty() ? null : f[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
