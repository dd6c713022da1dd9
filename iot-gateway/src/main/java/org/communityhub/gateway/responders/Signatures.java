package org.communityhub.gateway.responders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The channels' signing rules. Webhook: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(key=secret, raw body)>}.
 * DingTalk custom robot: {@code sign} = URL-encoded Base64(HMAC-SHA256(key=secret, data=timestamp+"\n"+secret)),
 * timestamp in epoch milliseconds. Feishu custom bot: {@code sign} = Base64(HMAC-SHA256(key=timestamp+"\n"+secret,
 * data=empty)), timestamp in epoch seconds. Cost: one HMAC. Stateless; thread-safe.
 */
public final class Signatures {

    private Signatures() {
    }

    /** The webhook header value, {@code sha256=<hex>}. */
    public static String webhook(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** DingTalk's {@code sign} query value, already URL-encoded. */
    public static String dingtalk(String secret, long epochMillis) {
        byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8),
                (epochMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /** Feishu's {@code sign} body field. */
    public static String feishu(String secret, long epochSeconds) {
        byte[] mac = hmac((epochSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
        return Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
