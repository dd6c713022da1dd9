package org.communityhub.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The EMQX form of device password hashes (issue 19): what EMQX's pbkdf2 check compares. */
class EmqxPasswordsTest {

    @Test
    void derivesPbkdf2HmacSha256AsLowerCaseHexOfTheSaltTextsBytes() {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1), first 32 bytes.
        assertThat(EmqxPasswords.derive("passwd", "salt", 1))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void aFreshHashHasARandomHexSaltAndTheConfiguredRounds() {
        EmqxPasswords.Hash a = EmqxPasswords.hash("secret");
        EmqxPasswords.Hash b = EmqxPasswords.hash("secret");
        assertThat(a.salt()).matches("[0-9a-f]{32}").isNotEqualTo(b.salt());
        assertThat(a.iterations()).isEqualTo(EmqxPasswords.ITERATIONS);
        assertThat(a.passwordHash()).matches("[0-9a-f]{64}")
                .isEqualTo(EmqxPasswords.derive("secret", a.salt(), EmqxPasswords.ITERATIONS));
    }
}
