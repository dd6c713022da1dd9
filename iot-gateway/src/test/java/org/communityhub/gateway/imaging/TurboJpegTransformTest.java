package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lossless transcode that was measured against the re-encoding ({@link TurboJpegTransform}, not used by the hub):
 * what bench/README.md says of it holds. Its output keeps none of the upload's metadata or appended bytes, keeps the
 * pixels exactly (also of a progressive upload, written back sequential), applies the orientation, and it declines
 * (null) whatever it does not handle, so that the re-encoding would take over. Skipped where libturbojpeg is missing.
 */
class TurboJpegTransformTest {

    private static TurboJpegTransform transform;
    private static TurboJpegCodec turbo;

    @BeforeAll
    static void load() {
        transform = TurboJpegTransform.load();
        turbo = TurboJpegCodec.load();
        assumeTrue(transform != null && turbo != null, "libturbojpeg.so.0 is not installed");
    }

    @Test
    void noMetadataNorAppendedBytesSurviveAndThePixelsAreTheUploads() throws Exception {
        byte[] tagged;
        try (InputStream in = getClass().getResourceAsStream("/photos/gps-xmp-icc-comment.jpg")) {
            tagged = in.readAllBytes();
        }
        byte[] trailer = "PK\u0005\u0006secret-payload".getBytes(StandardCharsets.ISO_8859_1);
        byte[] upload = ByteBuffer.allocate(tagged.length + trailer.length).put(tagged).put(trailer).array();
        TurboJpegTransform.Result same = transform.strip(upload, 1, 2048);
        assertThat(same).isNotNull();
        String text = new String(same.jpeg(), StandardCharsets.ISO_8859_1);
        for (String secret : List.of("22,32.586N", "SecretPhone", "SN-4711-SECRET", "Zhang San", "<script>", "Exif",
                "xmpmeta", "ICC_PROFILE", "PK\u0005\u0006", "secret-payload")) {
            assertThat(text).as(secret).doesNotContain(secret);
        }
        assertThat(PhotoPrivacyTest.markers(same.jpeg()))
                .allMatch(m -> m == 0xd8 || m == 0xe0 || m == 0xdb || m == 0xc0 || m == 0xc4 || m == 0xda || m == 0xd9)
                .startsWith(0xd8, 0xe0).endsWith(0xda, 0xd9);
        assertThat(same.width()).isEqualTo(256);
        assertThat(pixels(same.jpeg())).isEqualTo(pixels(tagged));
    }

    @Test
    void aProgressiveUploadIsWrittenSequentialWithTheSamePixels() throws Exception {
        byte[] progressive = jdkJpeg(noise(320, 240), true);
        assertThat(PhotoPrivacyTest.markers(progressive)).contains(0xc2);
        TurboJpegTransform.Result same = transform.strip(progressive, 1, 2048);
        assertThat(same).isNotNull();
        assertThat(PhotoPrivacyTest.markers(same.jpeg())).contains(0xc0).doesNotContain(0xc2);
        assertThat(pixels(same.jpeg())).isEqualTo(pixels(progressive));
    }

    @Test
    void theOrientationIsAppliedExactlyOnWholeMcus() throws Exception {
        BufferedImage sideways = noise(480, 240); // 30 × 15 MCUs of 16 px
        byte[] upload = jdkJpeg(sideways, false);
        TurboJpegTransform.Result turned = transform.strip(upload, 6, 2048);
        assertThat(turned).isNotNull();
        assertThat(turned.width()).isEqualTo(240);
        assertThat(turned.height()).isEqualTo(480);
        BufferedImage expected = ExifOrientation.apply(turbo.decode(upload, Integer.MAX_VALUE, Long.MAX_VALUE), 6);
        BufferedImage actual = turbo.decode(turned.jpeg(), Integer.MAX_VALUE, Long.MAX_VALUE);
        assertThat(actual.getWidth()).isEqualTo(240);
        // The coefficients are turned exactly; only the chroma upsampling's neighbourhood differs at 4:2:0.
        byte[] a = ((DataBufferByte) actual.getRaster().getDataBuffer()).getData();
        byte[] e = ((DataBufferByte) expected.getRaster().getDataBuffer()).getData();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs((a[i] & 0xff) - (e[i] & 0xff));
        }
        assertThat(diff / a.length).as("mean absolute difference per sample").isLessThan(3.0);
    }

    @Test
    void whatItDoesNotHandleIsDeclined() throws Exception {
        byte[] small = jdkJpeg(noise(250, 170), false); // not whole MCUs
        assertThat(transform.strip(small, 1, 2048)).as("no rotation: fine").isNotNull();
        assertThat(transform.strip(small, 6, 2048)).as("a rotation that is not perfect").isNull();
        assertThat(transform.strip(small, 1, 200)).as("over the edge limit").isNull();
        assertThat(transform.strip(Arrays.copyOf(small, small.length / 2), 1, 2048)).as("truncated scan").isNull();
        int sof = indexOf(small, 0xc0);
        byte[] arithmetic = small.clone();
        arithmetic[sof + 1] = (byte) 0xc9;
        assertThat(transform.strip(arithmetic, 1, 2048)).as("arithmetic coding").isNull();
        byte[] twelveBit = small.clone();
        twelveBit[sof + 4] = 12;
        assertThat(transform.strip(twelveBit, 1, 2048)).as("12-bit samples").isNull();
        assertThat(TurboJpegTransform.huffman8Bit(small)).isTrue();
    }

    private static int indexOf(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }

    private static byte[] pixels(byte[] jpeg) {
        BufferedImage image = turbo.decode(jpeg, Integer.MAX_VALUE, Long.MAX_VALUE);
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** Coloured blocks with noise: detail in every block, so a lost or moved coefficient shows. */
    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        Random random = new Random(42);
        for (int y = 0; y < h; y += 8) {
            for (int x = 0; x < w; x += 8) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                g.fillRect(x, y, 8, 8);
            }
        }
        g.dispose();
        return image;
    }

    private static byte[] jdkJpeg(BufferedImage image, boolean progressive) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
