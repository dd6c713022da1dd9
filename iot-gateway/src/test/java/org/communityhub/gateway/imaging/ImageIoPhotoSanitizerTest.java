package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.JpegSegments.withApp1;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.communityhub.gateway.cases.PhotoSanitizer;
import org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Photos are recognised by their bytes, re-encoded without any of the original's metadata, scaled
 * down, and refused (413/415 kinds) when too big, not an image, or a decompression bomb.
 */
class ImageIoPhotoSanitizerTest {

    private static final int EDGE = ImageIoPhotoSanitizer.MAX_EDGE;
    private static final String SECRET = "GPS 22.5431N 114.0579E SERIAL-XYZ-123";
    /** A 1×1 lossless WebP. */
    private static final String WEBP_1X1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void jpegExifAndPngTextDoNotSurvive(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        byte[] jpeg = withApp1(encode(image(640, 480), "jpeg"), ("Exif\0\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(contains(jpeg, SECRET)).as("the upload carries it").isTrue();
        PhotoSanitizer.CleanPhoto clean = sanitizer.sanitize(jpeg);
        assertThat(contains(clean.jpeg(), SECRET)).isFalse();
        assertThat(contains(clean.jpeg(), "Exif")).isFalse();
        assertThat(clean.width()).isEqualTo(640);
        assertThat(ImageIO.read(new ByteArrayInputStream(clean.jpeg())).getHeight()).isEqualTo(480);
        assertThat(ImageIO.read(new ByteArrayInputStream(clean.thumbnail())).getWidth()).isEqualTo(320);

        byte[] png = withPngText(encode(image(100, 50), "png"), SECRET);
        assertThat(contains(png, SECRET)).isTrue();
        PhotoSanitizer.CleanPhoto fromPng = sanitizer.sanitize(png);
        assertThat(contains(fromPng.jpeg(), SECRET)).isFalse();
        assertThat(fromPng.jpeg()[0] & 0xff).as("re-encoded as JPEG").isEqualTo(0xff);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void transparentPixelsTurnWhiteAndEveryResultIsInTheJpegWritersOwnLayout(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        BufferedImage clear = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        PhotoSanitizer.CleanPhoto fromPng = sanitizer.sanitize(encode(clear, "png"));
        int rgb = ImageIO.read(new ByteArrayInputStream(fromPng.jpeg())).getRGB(20, 10) & 0xffffff;
        assertThat((rgb >> 16) & 0xff).as("white, not black: red %s", rgb).isGreaterThan(245);
        assertThat(rgb & 0xff).as("white: blue").isGreaterThan(245);
        BufferedImage intRgb = image(50, 40);
        assertThat(ImageIoPhotoSanitizer.fit(intRgb, 2048).getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage bgr = new BufferedImage(50, 40, BufferedImage.TYPE_3BYTE_BGR);
        assertThat(ImageIoPhotoSanitizer.fit(bgr, 2048)).as("small enough and in layout: no copy").isSameAs(bgr);
        assertThat(ImageIoPhotoSanitizer.fit(bgr, 25).getWidth()).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void webpIsDecodedAndLargePhotosAreScaledDown(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        PhotoSanitizer.CleanPhoto webp = sanitizer.sanitize(Base64.getDecoder().decode(WEBP_1X1));
        assertThat(webp.width()).isEqualTo(1);
        PhotoSanitizer.CleanPhoto wide = sanitizer.sanitize(encode(image(3000, 1000), "png"));
        assertThat(wide.width()).isEqualTo(ImageIoPhotoSanitizer.MAX_EDGE);
        assertThat(wide.height()).isEqualTo(683);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void largePhotosAreDecodedSubsampledToUnderTwiceTheFinalSize(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        PhotoSanitizer.CleanPhoto tall = sanitizer.sanitize(encode(image(1500, 6000), "jpeg"));
        assertThat(tall.height()).isEqualTo(ImageIoPhotoSanitizer.MAX_EDGE);
        assertThat(tall.width()).isEqualTo(512);
        assertThat(JdkJpegCodec.subsampling(640, 480, EDGE)).isEqualTo(1);
        assertThat(JdkJpegCodec.subsampling(4000, 3000, EDGE)).isEqualTo(1);
        assertThat(JdkJpegCodec.subsampling(3000, 6000, EDGE)).isEqualTo(2);
        assertThat(JdkJpegCodec.subsampling(8660, 5773, EDGE)).isEqualTo(4);
        for (int longer = 1; longer < 20_000; longer += 97) {
            int step = JdkJpegCodec.subsampling(longer, 1, EDGE);
            int decoded = (longer + step - 1) / step;
            assertThat(decoded).as("%d px", longer).isLessThan(2 * ImageIoPhotoSanitizer.MAX_EDGE)
                    .isGreaterThanOrEqualTo(Math.min(longer, ImageIoPhotoSanitizer.MAX_EDGE));
        }
        assertThat(TurboJpegCodec.eighths(1600, EDGE)).as("small enough: full size").isEqualTo(8);
        assertThat(TurboJpegCodec.eighths(4000, EDGE)).as("a 12-megapixel phone photo at 5/8").isEqualTo(5);
        assertThat(TurboJpegCodec.eighths(6000, EDGE)).isEqualTo(3);
        for (int longer = 1; longer < 16 * EDGE; longer += 97) {
            int decoded = TurboJpegCodec.scaled(longer, TurboJpegCodec.eighths(longer, EDGE));
            assertThat(decoded).as("%d px", longer).isGreaterThanOrEqualTo(Math.min(longer, EDGE));
            assertThat(decoded).as("%d px", longer).isLessThanOrEqualTo(longer <= 8 * EDGE ? 2 * EDGE - 1 : (longer + 7) / 8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void theKindComesFromTheBytesAndBadUploadsAreRefused(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        assertThatThrownBy(() -> sanitizer.sanitize("just text, named photo.jpg".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PhotoRejectedException.class).extracting("tooLarge").isEqualTo(false);
        assertThatThrownBy(() -> sanitizer.sanitize("GIF89a....".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(PhotoRejectedException.class).hasMessageContaining("JPEG, PNG or WebP");
        byte[] truncated = java.util.Arrays.copyOf(encode(image(64, 64), "jpeg"), 40);
        assertThatThrownBy(() -> sanitizer.sanitize(truncated)).isInstanceOf(PhotoRejectedException.class)
                .hasMessageContaining("could not be decoded");
        assertThatThrownBy(() -> sanitizer.sanitize(new byte[PhotoSanitizer.MAX_BYTES + 1]))
                .isInstanceOf(PhotoRejectedException.class).extracting("tooLarge").isEqualTo(true);
        assertThatThrownBy(() -> sanitizer.sanitize(pngClaiming(100_000, 100_000)))
                .as("a decompression bomb is refused from its header").isInstanceOf(PhotoRejectedException.class)
                .extracting("tooLarge").isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void photosInARowOnOneThreadShareNothingButTheScratchArray(JpegCodec codec) throws Exception {
        PhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        byte[] gradient = encode(image(640, 480), "jpeg");
        BufferedImage blue = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics g = blue.getGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        PhotoSanitizer.CleanPhoto first = sanitizer.sanitize(gradient);
        PhotoSanitizer.CleanPhoto other = sanitizer.sanitize(encode(blue, "jpeg"));
        PhotoSanitizer.CleanPhoto again = sanitizer.sanitize(gradient);
        assertThat(again.jpeg()).as("the same upload gives the same bytes after another photo").isEqualTo(first.jpeg());
        assertThat(again.thumbnail()).isEqualTo(first.thumbnail());
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(other.jpeg()));
        for (int[] at : new int[][] {{0, 0}, {639, 0}, {320, 240}, {0, 479}, {639, 479}}) {
            int rgb = shown.getRGB(at[0], at[1]);
            assertThat(rgb & 0xff).as("blue at %s,%s", at[0], at[1]).isGreaterThan(230);
            assertThat((rgb >> 16) & 0xff).as("no red of the photo before at %s,%s", at[0], at[1]).isLessThan(25);
        }
    }

    private static BufferedImage image(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                image.setRGB(x, y, 0xff000000 | (x * 255 / w) << 16 | (y * 255 / h) << 8);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        BufferedImage rgb = image;
        if (format.equals("jpeg")) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(image, 0, 0, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(rgb, format, out)).isTrue();
        return out.toByteArray();
    }

    /** Inserts a tEXt chunk right after the PNG's IHDR chunk (8-byte signature + 25-byte IHDR). */
    private static byte[] withPngText(byte[] png, String text) {
        byte[] chunk = chunk("tEXt", ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(png.length + chunk.length);
        b.put(png, 0, 33).put(chunk).put(png, 33, png.length - 33);
        return b.array();
    }

    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] header = chunk("IHDR", ihdr.array());
        byte[] data = chunk("IDAT", new byte[] {0x78, 0x01});
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}).put(header).put(data);
        return b.array();
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data).putInt((int) crc.getValue()).array();
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
