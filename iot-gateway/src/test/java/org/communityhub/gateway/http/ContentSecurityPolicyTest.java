package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's CSP: tile hosts from the configured URL template, WebSockets only to the page's host. */
class ContentSecurityPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png, https://tile.openstreetmap.org",
        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png, https://*.tile.openstreetmap.org",
        "'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&style=8&x={x}&y={y}&z={z}', https://*.is.autonavi.com",
        "https://rt{s}.map.gtimg.com/tile?z={z}&x={x}&y={-y}&type=vector&styleid=3, https://*.map.gtimg.com",
        "http://127.0.0.1:9/{z}/{x}/{y}.png, http://127.0.0.1:9",
        "HTTPS://Tiles.Example.COM:8443/{z}/{x}/{y}.png, https://tiles.example.com:8443",
    })
    void aTileTemplateBecomesItsHostSource(String url, String source) {
        assertThat(ContentSecurityPolicy.tileSource(url)).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://tiles.example.com/{z}.png", "https://{s}.com/{z}.png", "//tiles.example.com/{z}.png",
        "https://tiles.example.com:port/x", "https://ti les.example.com/x", "https://a;b.example.com/x", "not a url"})
    void anythingElseAddsNoSource(String url) {
        assertThat(ContentSecurityPolicy.tileSource(url)).isNull();
    }

    @Test
    void thePolicyHasNoWildcardSchemesAndClosesFormsFramesAndBase() {
        String csp = ContentSecurityPolicy.forTiles("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}")
                .header("hub.example.cn");
        assertThat(csp).contains("img-src 'self' data: blob: https://*.is.autonavi.com https://tile.openstreetmap.org;")
                .contains("connect-src 'self' ws://hub.example.cn wss://hub.example.cn;")
                .contains("form-action 'self'").contains("frame-ancestors 'none'").contains("base-uri 'self'")
                .doesNotContain(" ws: ").doesNotContain(" https: ").doesNotContain(" http: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example; script-src *", "a b", "host:99999999", "x'y"})
    void anOddHostHeaderAddsNoWebSocketSource(String host) {
        String csp = ContentSecurityPolicy.forTiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png").header(host);
        assertThat(csp).contains("connect-src 'self';").doesNotContain("ws://").doesNotContain("evil");
    }

    @Test
    void anIpv6HostIsKept() {
        String csp = ContentSecurityPolicy.forTiles(null).header("[::1]:8080");
        assertThat(csp).contains("connect-src 'self' ws://[::1]:8080 wss://[::1]:8080;")
                .contains("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    }
}
