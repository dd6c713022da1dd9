package org.communityhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.communityhub.gateway.testing.CaseRequests;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code HUB_PUBLIC_URL} configured, a grid's QR code links to it whatever {@code Host} the request named,
 * and may be cached publicly; {@code CasesIT} covers the request-derived link (privately cached).
 */
class CaseQrLinkIT {

    @RegisterExtension
    static final HubExtension HUB = HubExtension.with(Map.of("HUB_PUBLIC_URL", "https://hub.example.cn/jd/"));

    private static HubFixture hub;

    @BeforeAll
    static void start() throws Exception {
        hub = HUB.fixture();
        new CaseRequests(hub).importGrids();
    }

    @Test
    void aForgedHostDoesNotReachThePublicImage() throws Exception {
        Raw r = get(hub, "/api/v1/grids/ita-g1/qr.png", "evil.example", "http");
        assertThat(r.head()).startsWith("HTTP/1.1 200");
        assertThat(decode(r.body())).isEqualTo("https://hub.example.cn/jd/?report=1&grid=ita-g1");
        assertThat(r.head()).containsIgnoringCase("cache-control: public, max-age=3600");
    }

    /** An answer read off a raw connection: the head (status line and headers) and the body. */
    record Raw(String head, byte[] body) {
    }

    /** A GET with a chosen {@code Host} and {@code X-Forwarded-Proto} (java.net.http does not let a test set Host). */
    static Raw get(HubFixture hub, String path, String host, String forwardedProto) throws Exception {
        java.net.URI base = java.net.URI.create(hub.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Forwarded-Proto: " + forwardedProto
                    + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (InputStream in = s.getInputStream()) {
                in.transferTo(all);
            }
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", text).isPositive();
            assertThat(text.substring(0, end).toLowerCase()).as("not chunked").doesNotContain("transfer-encoding");
            return new Raw(text.substring(0, end), Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }
    }

    static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
