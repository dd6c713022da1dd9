package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Arrays;
import org.communityhub.gateway.cases.PhotoSanitizer.CleanPhoto;
import org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libwebp's decoding against TwelveMonkeys' pure-Java reader (the same pixels within rounding), its limits, and the
 * alpha laid on white. Skipped where libwebp is not installed (Debian {@code libwebp7}; {@code ./hub} installs it).
 */
class LibWebpDecoderTest {

    private static LibWebpDecoder webp;

    @BeforeAll
    static void load() {
        webp = LibWebpDecoder.load();
        Assumptions.assumeTrue(webp != null, "libwebp.so.7 not installed");
    }

    @Test
    void decodesTheSamePixelsAsThePureJavaReader() throws Exception {
        byte[] file = resource("gps-xmp.webp");
        BufferedImage native_ = webp.decode(file, ImageIoPhotoSanitizer.MAX_PIXELS);
        BufferedImage java = JdkJpegCodec.read(file, "webp", ImageIoPhotoSanitizer.MAX_EDGE,
                ImageIoPhotoSanitizer.MAX_PIXELS);
        assertThat(native_.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(native_.getWidth()).isEqualTo(java.getWidth()).isEqualTo(256);
        assertThat(native_.getHeight()).isEqualTo(java.getHeight()).isEqualTo(192);
        long diff = 0;
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 256; x++) {
                int a = native_.getRGB(x, y);
                int b = java.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    diff += Math.abs((a >> shift & 0xff) - (b >> shift & 0xff));
                }
            }
        }
        assertThat(diff / (256.0 * 192 * 3)).as("mean difference per channel").isLessThan(3.0);
        CleanPhoto viaLib = new ImageIoPhotoSanitizer(new JdkJpegCodec(), webp).sanitize(file);
        CleanPhoto viaJava = new ImageIoPhotoSanitizer(new JdkJpegCodec(), null).sanitize(file);
        assertThat(viaLib.width()).isEqualTo(viaJava.width());
        assertThat(viaLib.height()).isEqualTo(viaJava.height());
    }

    @Test
    void thePixelLimitIsCheckedFromTheHeaderAndBrokenFilesAreRefused() throws Exception {
        byte[] file = resource("gps-xmp.webp");
        assertThatThrownBy(() -> webp.decode(file, 256 * 192 - 1)).isInstanceOf(PhotoRejectedException.class)
                .matches(e -> ((PhotoRejectedException) e).tooLarge());
        byte[] truncated = Arrays.copyOf(file, file.length / 2);
        assertThatThrownBy(() -> webp.decode(truncated, ImageIoPhotoSanitizer.MAX_PIXELS))
                .isInstanceOf(PhotoRejectedException.class).matches(e -> !((PhotoRejectedException) e).tooLarge());
        byte[] junk = Arrays.copyOf(file, 64);
        Arrays.fill(junk, 20, 64, (byte) 0x5a);
        assertThatThrownBy(() -> webp.decode(junk, ImageIoPhotoSanitizer.MAX_PIXELS))
                .isInstanceOf(PhotoRejectedException.class).hasMessageContaining("could not be decoded");
    }

    @Test
    void transparentPixelsAreLaidOnWhite() {
        byte[] bgra = {10, 20, 30, (byte) 255, 0, 0, 0, 0, 0, 0, 0, (byte) 128};
        byte[] bgr = new byte[9];
        LibWebpDecoder.onWhite(bgra, bgr);
        assertThat(bgr[0]).isEqualTo((byte) 10);
        assertThat(bgr[2]).isEqualTo((byte) 30);
        assertThat(bgr[3] & 0xff).as("transparent: white").isEqualTo(255);
        assertThat(bgr[6] & 0xff).as("half black on white").isBetween(126, 128);
    }

    /** libwebp's encoder (the same library), to make a WebP with alpha larger than the decoder takes whole. */
    public interface WebpEncoder {
        long WebPEncodeLosslessBGRA(byte[] bgra, int width, int height, int stride, jnr.ffi.byref.PointerByReference out);

        void WebPFree(jnr.ffi.Pointer p);
    }

    @Test
    void largeImagesWithAlphaGoToTheSubsampledReader() {
        int w = 2400;
        int h = 1800;
        byte[] bgra = new byte[w * h * 4];
        for (int i = 0; i < bgra.length; i += 4) {
            bgra[i + 1] = (byte) 200;
            bgra[i + 3] = (byte) (i / 4 % w < w / 2 ? 255 : 0);
        }
        WebpEncoder enc = jnr.ffi.LibraryLoader.create(WebpEncoder.class).failImmediately().load("webp");
        jnr.ffi.byref.PointerByReference out = new jnr.ffi.byref.PointerByReference();
        long size = enc.WebPEncodeLosslessBGRA(bgra, w, h, w * 4, out);
        assertThat(size).as("encoded").isPositive();
        byte[] file = new byte[(int) size];
        out.getValue().get(0, file, 0, file.length);
        enc.WebPFree(out.getValue());
        assertThat((long) w * h).isGreaterThan(LibWebpDecoder.MAX_ALPHA_PIXELS).isLessThan(LibWebpDecoder.MAX_FULL_PIXELS);
        assertThat(webp.decode(file, ImageIoPhotoSanitizer.MAX_PIXELS)).as("left to the reduced ImageIO path").isNull();
        CleanPhoto clean = new ImageIoPhotoSanitizer(new JdkJpegCodec(), webp).sanitize(file);
        assertThat(Math.max(clean.width(), clean.height())).isLessThanOrEqualTo(ImageIoPhotoSanitizer.MAX_EDGE);
        assertThat(clean.width() * 3).isEqualTo(clean.height() * 4);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = LibWebpDecoderTest.class.getResourceAsStream("/photos/" + name)) {
            return in.readAllBytes();
        }
    }
}
