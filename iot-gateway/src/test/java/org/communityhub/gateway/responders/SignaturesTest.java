package org.communityhub.gateway.responders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each signer against a vector computed independently with openssl (the command is beside each value). */
class SignaturesTest {

    @Test
    void webhookSignatureIsHexHmacSha256OfTheRawBody() {
        // printf '%s' '{"kind":"alert"}' | openssl dgst -sha256 -hmac 'webhook-secret'
        assertThat(Signatures.webhook("webhook-secret", "{\"kind\":\"alert\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=8eec5d57a234f209f26c46adfda4463e536e650e79d60ce444b048308bb3baa5");
    }

    @Test
    void dingtalkSignIsUrlEncodedBase64OfHmacKeyedWithTheSecretOverTimestampNewlineSecret() {
        // printf '1700000000000\nSEC-ding' | openssl dgst -sha256 -hmac 'SEC-ding' -binary | base64
        //   → Fk3//NEd7xEY/B7PuNl8QOD1Ieyeqt837z4RSOek+9g=, then URL-encoded
        assertThat(Signatures.dingtalk("SEC-ding", 1_700_000_000_000L))
                .isEqualTo("Fk3%2F%2FNEd7xEY%2FB7PuNl8QOD1Ieyeqt837z4RSOek%2B9g%3D");
    }

    @Test
    void feishuSignIsBase64OfHmacKeyedWithTimestampNewlineSecretOverNothing() {
        // printf '' | openssl dgst -sha256 -mac HMAC -macopt "key:$(printf '1700000000\nfeishu-secret')" -binary | base64
        assertThat(Signatures.feishu("feishu-secret", 1_700_000_000L))
                .isEqualTo("OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=");
    }
}
