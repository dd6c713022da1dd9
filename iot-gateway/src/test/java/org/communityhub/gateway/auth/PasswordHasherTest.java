package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PBKDF2 hashing: right and wrong passwords, salting, the stored form, malformed hashes. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String stored = hasher.hash("correct horse 电池".toCharArray());
        assertThat(hasher.verify("correct horse 电池".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("correct horse 电池 ".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("Correct horse 电池".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify(new char[0], stored)).isFalse();
    }

    @Test
    void storesASelfDescribingFormWithoutThePassword() {
        String stored = hasher.hash("s3cret-passw0rd".toCharArray());
        assertThat(stored).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(stored).doesNotContain("s3cret");
    }

    @Test
    void saltsEveryHashSoTheSamePasswordHashesDifferently() {
        String a = hasher.hash("same-password".toCharArray());
        String b = hasher.hash("same-password".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("same-password".toCharArray(), a)).isTrue();
        assertThat(hasher.verify("same-password".toCharArray(), b)).isTrue();
    }

    @Test
    void verifiesAHashMadeWithOtherIterationsByTheCountItNames() {
        String stored = new PasswordHasher(1500).hash("old-password".toCharArray());
        assertThat(hasher.verify("old-password".toCharArray(), stored)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain-text-password", "pbkdf2-sha256$1000$c2FsdA", "bcrypt$1000$c2FsdHNhbHRzYWx0$aGFzaA",
        "pbkdf2-sha256$many$c2FsdHNhbHRzYWx0$aGFzaA", "pbkdf2-sha256$1000$!!!$aGFzaA",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$***", "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0$aGFzaA",
        "pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0$aGFzaA", "pbkdf2-sha256$1000$$aGFzaA",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0$aGFzaA$extra"})
    void aMalformedStoredHashVerifiesFalseWithoutThrowing(String stored) {
        assertThat(hasher.verify("anything".toCharArray(), stored)).isFalse();
    }

    @Test
    void aTruncatedHashOfTheRightPasswordVerifiesFalse() {
        String stored = hasher.hash("pw-1234567890".toCharArray());
        assertThat(hasher.verify("pw-1234567890".toCharArray(), stored.substring(0, stored.length() - 4))).isFalse();
    }
}
