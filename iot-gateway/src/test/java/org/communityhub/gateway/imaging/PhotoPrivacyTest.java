package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.communityhub.gateway.cases.PhotoSanitizer.CleanPhoto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real metadata in the photos under {@code src/test/resources/photos/} (256 × 192), written by ExifTool 12.57: a
 * GPS position (22.5431 N 114.0579 E in the EXIF GPS IFD and as XMP {@code 22,32.586N}), camera make and serial
 * number, an XMP packet with a creator's name, an sRGB ICC profile and a JPEG comment holding a script tag; the
 * PNG carries EXIF and XMP in eXIf/iTXt chunks, and the WebP ({@code cwebp -metadata all} from the JPEG) its
 * EXIF, XMP and ICCP chunks. Each upload gets a ZIP archive appended (a polyglot that {@link ZipFile} opens). With
 * each codec, the stored photo and its thumbnail must be a bare baseline JPEG: SOI, JFIF APP0, tables, one scan,
 * EOI as the very last bytes, and none of those words anywhere.
 */
class PhotoPrivacyTest {

    private static final List<String> SECRETS = List.of("22,32.586N", "SecretPhone", "SN-4711-SECRET",
            "Zhang San", "<script>", "Exif", "http://ns.adobe.com/xap", "ICC_PROFILE", "xmpmeta", "PK\u0003\u0004",
            "PK\u0005\u0006", "secret-payload");

    static Stream<JpegCodec> codecs() {
        List<JpegCodec> codecs = new ArrayList<>(List.of(new JdkJpegCodec()));
        if (TurboJpegCodec.load() != null) {
            codecs.add(TurboJpegCodec.load());
        }
        return codecs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void gpsExifXmpIccCommentsAndAnAppendedZipDoNotSurvive(JpegCodec codec) throws Exception {
        ImageIoPhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        for (String name : List.of("gps-xmp-icc-comment.jpg", "gps-xmp.png", "gps-xmp.webp")) {
            byte[] upload = withZip(resource(name));
            String raw = new String(upload, StandardCharsets.ISO_8859_1);
            assertThat(raw).as("%s carries its metadata", name).contains("SecretPhone", "Zhang San");
            assertThat(polyglotEntry(upload)).as("%s is also a ZIP", name).isEqualTo("secret-payload");

            CleanPhoto clean = sanitizer.sanitize(upload);
            for (byte[] out : List.of(clean.jpeg(), clean.thumbnail())) {
                String text = new String(out, StandardCharsets.ISO_8859_1);
                for (String secret : SECRETS) {
                    assertThat(text).as("%s with %s: %s", name, codec.name(), secret).doesNotContain(secret);
                }
                assertThat(markers(out)).as("%s with %s", name, codec.name())
                        .allMatch(m -> m == 0xd8 || m == 0xe0 || m == 0xdb || m == 0xc0 || m == 0xc4 || m == 0xda
                                || m == 0xd9)
                        .startsWith(0xd8, 0xe0).endsWith(0xda, 0xd9);
                assertThatThrownBy(() -> polyglotEntry(out)).as("no longer a ZIP").isInstanceOf(IOException.class);
            }
            assertThat(clean.width()).isEqualTo(256);
            assertThat(ImageIO.read(new ByteArrayInputStream(clean.jpeg())).getHeight()).isEqualTo(192);
        }
    }

    @Test
    void theFastCodecIsUsedWhereLibjpegTurboIsInstalled() {
        boolean installed = Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(dir -> Files.exists(Path.of(dir, "libturbojpeg.so.0")));
        assertThat(new ImageIoPhotoSanitizer().codecName()).isEqualTo(installed ? "libjpeg-turbo" : "JDK ImageIO");
    }

    /**
     * The markers of a JPEG in order, each APPn checked to be the JFIF header, and the file checked to end at EOI:
     * segments are walked by their lengths, the scan byte by byte (FF00 stuffing, RSTn).
     */
    static List<Integer> markers(byte[] b) {
        List<Integer> out = new ArrayList<>();
        assertThat(b[0] & 0xff).isEqualTo(0xff);
        int i = 0;
        while (i < b.length) {
            assertThat(b[i] & 0xff).as("a marker at %d", i).isEqualTo(0xff);
            int m = b[i + 1] & 0xff;
            out.add(m);
            if (m == 0xd8) {
                i += 2;
                continue;
            }
            if (m == 0xd9) {
                assertThat(i + 2).as("nothing after EOI").isEqualTo(b.length);
                return out;
            }
            int len = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            if (m >= 0xe0 && m <= 0xef) {
                assertThat(new String(b, i + 4, 5, StandardCharsets.ISO_8859_1)).as("APP%d", m - 0xe0).isEqualTo("JFIF\0");
            }
            i += 2 + len;
            if (m == 0xda) {
                while (!((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) != 0 && ((b[i + 1] & 0xff) < 0xd0
                        || (b[i + 1] & 0xff) > 0xd7))) {
                    i++;
                }
            }
        }
        throw new AssertionError("no EOI");
    }

    /** The upload with a ZIP archive (one entry, "secret-payload") appended after the image. */
    private static byte[] withZip(byte[] image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(image);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("payload.txt"));
            zip.write("secret-payload".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** What the ZIP reader finds in the bytes as a file (it locates the archive from the end, as unzip does). */
    private static String polyglotEntry(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("polyglot", ".zip");
        try {
            Files.write(file, bytes);
            try (ZipFile zip = new ZipFile(file.toFile());
                    InputStream in = zip.getInputStream(zip.getEntry("payload.txt"))) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PhotoPrivacyTest.class.getResourceAsStream("/photos/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
