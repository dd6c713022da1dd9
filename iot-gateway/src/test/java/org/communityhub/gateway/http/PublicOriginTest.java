package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.communityhub.gateway.config.TrustedProxies;
import org.junit.jupiter.api.Test;

/** HUB_PUBLIC_URL wins; else the request's Host and scheme, X-Forwarded-Proto only from a trusted proxy. */
class PublicOriginTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");

    @Test
    void theConfiguredAddressIsUsedWhateverTheRequestSays() {
        PublicOrigin origin = new PublicOrigin("https://hub.example.cn/jd/", proxies);
        assertThat(origin.of("203.0.113.9", "http", "evil.example", "http"))
                .isEqualTo(new PublicOrigin.Origin("https://hub.example.cn/jd", false));
    }

    @Test
    void withoutItTheRequestsOriginIsMarkedAsSuch() {
        PublicOrigin origin = new PublicOrigin(null, proxies);
        assertThat(origin.of("10.1.2.3", "http", "hub.local:8080", "https"))
                .as("a trusted proxy's X-Forwarded-Proto").isEqualTo(new PublicOrigin.Origin("https://hub.local:8080", true));
        assertThat(origin.of("203.0.113.9", "http", "hub.local", "https").base())
                .as("an untrusted peer's header is ignored").isEqualTo("http://hub.local");
        assertThat(origin.of("10.1.2.3", "http", "hub.local", "javascript").base()).isEqualTo("http://hub.local");
        assertThat(origin.of("10.1.2.3", "https", "[::1]:8443", null).base()).isEqualTo("https://[::1]:8443");
        assertThat(origin.of("10.1.2.3", "http", "evil.example/\"><script>", null).base())
                .as("not a host").isEqualTo("http://localhost");
        assertThat(origin.of(null, "http", null, "https").base()).isEqualTo("http://localhost");
    }
}
