package org.communityhub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request comes from, behind trusted reverse proxies or not. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.2, 10.0.0.0/8, fd00::/8");

    @Test
    void withoutTrustedProxiesTheClientIsAlwaysThePeer() {
        assertThat(TrustedProxies.none().clientAddress("127.0.0.2", List.of("203.0.113.9"))).isEqualTo("127.0.0.2");
        assertThat(TrustedProxies.parse(" ").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(" ")).hasToString("none");
        assertThat(proxies).hasToString("127.0.0.2/32,10.0.0.0/8,fd00:0:0:0:0:0:0:0/8");
    }

    @Test
    void aDirectClientCannotChooseItsAddress() {
        assertThat(proxies.clientAddress("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedEntry() {
        assertThat(proxies.clientAddress("127.0.0.2", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // The client sent a forged entry; the proxy appended what it saw (the right-most one).
        assertThat(proxies.clientAddress("127.0.0.2", List.of("1.2.3.4, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // Two trusted proxies in a row, and the chain split over two headers.
        assertThat(proxies.clientAddress("127.0.0.2", List.of("1.2.3.4, 198.51.100.7", "10.1.1.1")))
                .isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("fd00::5", List.of("[2001:db8::1]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(proxies.clientAddress("127.0.0.2", List.of("198.51.100.7:5000"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aMissingOrGarbledChainFallsBackToTheNearestTrustedHop() {
        assertThat(proxies.clientAddress("127.0.0.2", List.of())).isEqualTo("127.0.0.2");
        assertThat(proxies.clientAddress("127.0.0.2", List.of("unknown"))).isEqualTo("127.0.0.2");
        assertThat(proxies.clientAddress("127.0.0.2", List.of("evil.example, 10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(proxies.clientAddress("127.0.0.2", List.of("300.1.1.1"))).isEqualTo("127.0.0.2");
    }

    @Test
    void matchesCidrBlocksBitByBit() {
        TrustedProxies p = TrustedProxies.parse("192.168.4.0/22, ::1");
        assertThat(p.trusts("192.168.7.255")).isTrue();
        assertThat(p.trusts("192.168.8.0")).isFalse();
        assertThat(p.trusts("::1")).isTrue();
        assertThat(p.trusts("127.0.0.1")).isFalse();
        assertThat(p.trusts("not-an-address")).isFalse();
    }

    @Test
    void rejectsHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example")).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    }
}
