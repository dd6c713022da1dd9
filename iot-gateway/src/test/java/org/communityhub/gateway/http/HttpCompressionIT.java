package org.communityhub.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.communityhub.gateway.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: the hub compresses what compresses (the page, its modules and styles, Leaflet, GeoJSON) for
 * a client that accepts gzip, byte for byte the same content once unzipped, and leaves images alone;
 * a request without Accept-Encoding before them on the same client does not spoil them (see {@link Compression}).
 */
class HttpCompressionIT {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @Test
    void pageModulesStylesAndJsonAreGzippedForClientsThatAcceptIt() throws Exception {
        for (String path : new String[] {"/", "/js/i18n.js", "/css/hub.css", "/webjars/leaflet/1.9.4/dist/leaflet.js",
            "/collections"}) {
            HttpResponse<byte[]> plain = send(path, null);
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path + " without Accept-Encoding").isEmpty();
            assertThat(plain.body().length).as(path + " is worth compressing").isGreaterThan(Compression.MIN_BYTES);

            HttpResponse<byte[]> zipped = send(path, "gzip, deflate, br");
            assertThat(zipped.statusCode()).as(path).isEqualTo(200);
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
            assertThat(zipped.headers().allValues("Vary").toString().toLowerCase()).as(path).contains("accept-encoding");
            assertThat(zipped.body().length).as(path + " is smaller").isLessThan(plain.body().length);
            assertThat(gunzip(zipped.body())).as(path + " unzips to the same bytes").isEqualTo(plain.body());
        }
    }

    @Test
    void imagesAreSentAsTheyAre() throws Exception {
        HttpResponse<byte[]> plain = send("/icons/icon-512.png", null);
        assertThat(plain.body().length).as("large enough to be compressed if it were not an image")
                .isGreaterThan(Compression.MIN_BYTES);
        HttpResponse<byte[]> png = send("/icons/icon-512.png", "gzip, deflate");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(png.headers().firstValue("Content-Encoding")).as("no encoding, not even 'identity'").isEmpty();
        assertThat(png.body()).isEqualTo(plain.body());
        assertThat(new String(png.body(), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void mediaTypesThatAreCompressedInThemselves() {
        assertThat(Compression.alreadyCompressed("image/jpeg")).isTrue();
        assertThat(Compression.alreadyCompressed("image/png; charset=binary")).isTrue();
        assertThat(Compression.alreadyCompressed("IMAGE/WEBP")).isTrue();
        assertThat(Compression.alreadyCompressed("image/svg+xml")).isFalse();
        assertThat(Compression.alreadyCompressed("application/vnd.mapbox-vector-tile")).isFalse();
        assertThat(Compression.alreadyCompressed("application/geo+json")).isFalse();
        assertThat(Compression.alreadyCompressed(null)).isFalse();
    }

    private static HttpResponse<byte[]> send(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return hub.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
