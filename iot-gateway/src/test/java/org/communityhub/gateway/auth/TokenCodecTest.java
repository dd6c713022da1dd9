package org.communityhub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.communityhub.gateway.config.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed, expiring bearer tokens. */
class TokenCodecTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T00:00:00Z"));
    private final TokenCodec codec = new TokenCodec(SECRET, Duration.ofHours(8), clock);

    @Test
    void roundTripsAScopedPrincipal() {
        Principal p = new Principal("guard.wang", Role.SECURITY, "xinhua-1");
        assertThat(codec.verify(codec.issue(p))).contains(p);
    }

    @Test
    void roundTripsAnAdminWithNoCommunity() {
        Principal admin = new Principal("root@hub", Role.ADMIN, null);
        assertThat(codec.verify(codec.issue(admin))).hasValueSatisfying(p -> {
            assertThat(p.community()).isNull();
            assertThat(p.role()).isEqualTo(Role.ADMIN);
            assertThat(p.username()).isEqualTo("root@hub");
        });
    }

    @Test
    void refusesATamperedBody() {
        String token = codec.issue(new Principal("installer1", Role.INSTALLER, "c-1"));
        String forgedBody = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("installer1|admin||9999999999".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.verify(forgedBody + token.substring(token.indexOf('.')))).isEmpty();
    }

    @Test
    void refusesATamperedMac() {
        String token = codec.issue(new Principal("installer1", Role.INSTALLER, "c-1"));
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(codec.verify(flipped)).isEmpty();
        assertThat(codec.verify(token.substring(0, token.indexOf('.') + 1))).isEmpty();
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        byte[] other = Arrays.copyOf(SECRET, SECRET.length);
        other[0] ^= 1;
        String token = new TokenCodec(other, Duration.ofHours(8), clock).issue(new Principal("a", Role.ADMIN, null));
        assertThat(codec.verify(token)).isEmpty();
    }

    @Test
    void refusesAnExpiredTokenAfterTheClockMoves() {
        String token = codec.issue(new Principal("guard", Role.SECURITY, "c-1"));
        clock.advance(Duration.ofHours(8));
        assertThat(codec.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(codec.verify(token)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", ".", "abc", ".abc", "not base64!.x", "YQ.YQ", "a.b.c"})
    void refusesGarbage(String token) {
        assertThat(codec.verify(token)).isEmpty();
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenCodec(Arrays.copyOf(SECRET, 31), Duration.ofHours(1), clock))
                .withMessageContaining("32 bytes");
    }

    @Test
    void theTokenCarriesNoSecretAndNoPassword() {
        String token = codec.issue(new Principal("guard", Role.SECURITY, "c-1"));
        String body = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(body).startsWith("guard|security|c-1|").doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
    }
}
