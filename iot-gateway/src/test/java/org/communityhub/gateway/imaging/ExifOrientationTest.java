package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.JpegSegments.withApp1;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import javax.imageio.ImageIO;
import org.communityhub.gateway.cases.PhotoSanitizer.CleanPhoto;
import org.communityhub.gateway.testing.PictureQuadrants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A phone's JPEG stores the sensor's pixels and says in its EXIF Orientation how to turn them; the stored photo
 * (which keeps no EXIF) must come out upright. The upright picture here is a 240 × 480 portrait of four coloured
 * quadrants (top-left red, top-right green, bottom-left blue, bottom-right white); each upload holds that picture
 * as a camera would have stored it for the given Orientation (the quadrant colours written out by hand).
 */
class ExifOrientationTest {

    private static final String UPRIGHT = "RGBW";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void rotatedAndMirroredPhotosComeOutUpright(JpegCodec codec) throws Exception {
        ImageIoPhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        // stored quadrants (top-left, top-right, bottom-left, bottom-right) for each orientation
        record Case(int orientation, boolean bigEndian, String stored) {
        }
        for (Case c : List.of(new Case(6, true, "GWRB"), new Case(6, false, "GWRB"), new Case(8, true, "BRWG"),
                new Case(3, false, "WBGR"), new Case(2, true, "GRWB"), new Case(5, true, "RBGW"),
                new Case(1, true, "RGBW"))) {
            boolean landscape = c.orientation() >= 5;
            byte[] upload = withApp1(jpeg(quadrants(landscape ? 480 : 240, landscape ? 240 : 480, c.stored())),
                    exif(c.bigEndian(), 0x0112, 3, 1, c.orientation()));
            CleanPhoto clean = sanitizer.sanitize(upload);
            assertThat(clean.width()).as("orientation %s: width", c.orientation()).isEqualTo(240);
            assertThat(clean.height()).as("orientation %s: height", c.orientation()).isEqualTo(480);
            assertThat(quadrantsOf(clean.jpeg())).as("orientation %s (%s)", c.orientation(),
                    c.bigEndian() ? "MM" : "II").isEqualTo(UPRIGHT);
            BufferedImage thumb = read(clean.thumbnail());
            assertThat(thumb.getWidth()).as("thumbnail width").isEqualTo(160);
            assertThat(quadrantsOf(clean.thumbnail())).as("thumbnail, orientation %s", c.orientation())
                    .isEqualTo(UPRIGHT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.communityhub.gateway.imaging.PhotoPrivacyTest#codecs")
    void aMalformedExifBlockIsIgnored(JpegCodec codec) throws Exception {
        ImageIoPhotoSanitizer sanitizer = new ImageIoPhotoSanitizer(codec);
        byte[] sideways = jpeg(quadrants(480, 240, "GWRB"));
        byte[] good = exif(true, 0x0112, 3, 1, 6);
        List<byte[]> blocks = List.of(
                exif(true, 0x0112, 3, 1, 9), // out of range
                exif(true, 0x0112, 4, 1, 6), // not a SHORT
                exif(true, 0x0112, 3, 2, 6), // two values
                withInt(good, 10, 0x7fff_fff0), // IFD0 beyond the block
                withInt(good, 10, 0xffff_fff0), // IFD0 "negative"
                withShort(good, 14, 0xffff), // 65535 entries claimed
                java.util.Arrays.copyOf(good, 16), // truncated inside the entry
                java.util.Arrays.copyOf(good, 8), // truncated in the TIFF header
                "Exif\0\0XX\0*\0\0\0\u0008".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), // no byte order
                "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (byte[] block : blocks) {
            CleanPhoto clean = sanitizer.sanitize(withApp1(sideways, block));
            assertThat(clean.width()).as("not rotated").isEqualTo(480);
            assertThat(quadrantsOf(clean.jpeg())).isEqualTo("GWRB");
        }
        // an APP1 whose length runs past the end of the file: the orientation reader stops, the decoder decides
        byte[] cut = withApp1(sideways, good);
        cut[4] = (byte) 0xff;
        cut[5] = (byte) 0xff;
        assertThat(cut.length).isLessThan(0xffff);
        assertThat(ExifOrientation.of(cut)).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(withApp1(sideways, good))).isEqualTo(6);
    }

    /** An {@code Exif\0\0} block: TIFF header, IFD0 at 8 with one entry, no next IFD. */
    private static byte[] exif(boolean bigEndian, int tag, int type, int count, int value) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(bigEndian ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put(bigEndian ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'}).putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) tag).putShort((short) type).putInt(count).putShort((short) value)
                .putShort((short) 0).putInt(0);
        return b.array();
    }

    private static byte[] withInt(byte[] block, int at, int value) {
        byte[] copy = block.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }

    private static byte[] withShort(byte[] block, int at, int value) {
        byte[] copy = block.clone();
        ByteBuffer.wrap(copy).putShort(at, (short) value);
        return copy;
    }

    /** Four quadrants coloured by the letters R, G, B, W (top-left, top-right, bottom-left, bottom-right). */
    private static BufferedImage quadrants(int w, int h, String colours) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 4; i++) {
            g.setColor(switch (colours.charAt(i)) {
                case 'R' -> Color.RED;
                case 'G' -> Color.GREEN;
                case 'B' -> Color.BLUE;
                default -> Color.WHITE;
            });
            g.fillRect(i % 2 * w / 2, i / 2 * h / 2, w / 2, h / 2);
        }
        g.dispose();
        return image;
    }

    private static String quadrantsOf(byte[] jpeg) throws Exception {
        return PictureQuadrants.of(read(jpeg));
    }

    private static BufferedImage read(byte[] jpeg) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static byte[] jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
        return out.toByteArray();
    }
}
