package org.communityhub.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communityhub.gateway.testing.CaseRequests.IN_GRID_A;
import static org.communityhub.gateway.ui.CaseUi.WAIT;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.communityhub.gateway.testing.HubExtension;
import org.communityhub.gateway.testing.JpegSegments;
import org.communityhub.gateway.testing.PictureQuadrants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16 with a phone camera's photo: a 12-megapixel JPEG of more than the hub's 5 MiB, stored sideways with an EXIF
 * Orientation (6: turn 90° clockwise) and a GPS text, as phones write them. The page scales it to 2048 px and encodes
 * it anew on the phone (js/photoshrink.js), so the report is taken instead of refused with 413, and the photo the hub
 * keeps is upright: 1536 × 2048, the picture's four quadrants where the resident saw them.
 */
class PhonePhotoBrowserIT {

    private static final String GPS = "GPS 22.5430N 114.0545E serial SN-PHONE-0042";
    @RegisterExtension
    static final HubExtension hub = CaseUi.extension();

    @BeforeAll
    static void start() throws Exception {
        CaseUi.gridsAndStaff(hub);
    }

    @Test
    void aPhotoLargerThanTheHubTakesIsScaledOnThePhoneAndStoredUpright() throws Exception {
        Path photo = Files.createTempFile("hub-phone-photo-", ".jpg");
        byte[] camera = cameraPhoto();
        Files.write(photo, camera);
        assertThat(camera.length).as("the camera's file is more than the hub takes").isGreaterThan(5 * 1024 * 1024);
        try (Browser b = Browser.phone(390, 844)) {
            b.clientAddress("10.53.0.1");
            b.open(hub.baseUrl() + "/#report", WAIT);
            b.waitVisible(WAIT, "#report-form");
            b.standAt(hub.baseUrl(), IN_GRID_A[0], IN_GRID_A[1]);
            b.click(WAIT, "#report-locate");
            assertThat(CaseUi.awaitPlaceGrid(b)).isEqualTo("ita-g1");
            new Select(b.find("#report-category")).selectByValue("environment");
            b.find("#report-description").sendKeys("垃圾桶满了，手机拍的大照片");
            b.find("[data-testid=report-photos-input]").sendKeys(photo.toString());
            b.waitFor(WAIT, "the scaled photo's preview", d -> CaseUi.loadedImages(b, "[data-testid=report-photos-thumbs]") == 1);
            assertThat(b.find("#report-form .field-error[data-field=photo]").isDisplayed()).as("not refused for its size")
                    .isFalse();
            b.click(WAIT, "#report-submit");
            b.waitVisible(WAIT, "#report-done");
            assertThat(b.consoleErrors()).isEmpty();
        } finally {
            Files.deleteIfExists(photo);
        }
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(storedPhoto("垃圾桶满了，手机拍的大照片")));
        assertThat(stored.getWidth()).as("width: scaled to 2048 on the longer side, upright").isEqualTo(1536);
        assertThat(stored.getHeight()).as("height").isEqualTo(2048);
        assertThat(PictureQuadrants.of(stored)).as("the picture upright (top-left red, top-right green, bottom-left blue)")
                .isEqualTo("RGBW");
    }

    /** The first photo of the case with that description, as the hub stores it. */
    private static byte[] storedPhoto(String description) throws Exception {
        try (Connection c = hub.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT p.jpeg FROM case_photo p JOIN hub_case h ON h.id = p.case_id"
                        + " WHERE h.description = ? AND p.n = 1")) {
            s.setString(1, description);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("the report was stored with its photo").isTrue();
                return r.getBytes(1);
            }
        }
    }

    /**
     * A 4000 × 3000 JPEG at quality 95 with sensor-like grain (so it is well over 5 MiB), holding a 3000 × 4000 portrait
     * of four quadrants (red, green / blue, white) as a camera held upright stores it: turned, with Orientation 6.
     */
    private static byte[] cameraPhoto() throws Exception {
        int w = 4000;
        int h = 3000;
        // stored for Orientation 6: top-left green, top-right white, bottom-left red, bottom-right blue
        Color[] stored = {Color.GREEN, Color.WHITE, Color.RED, Color.BLUE};
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(16);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Color c = stored[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
                int rgb = 0;
                for (int shift : new int[] {16, 8, 0}) {
                    int v = (c.getRGB() >> shift & 0xff) + random.nextInt(-60, 61);
                    rgb |= Math.max(0, Math.min(255, v)) << shift;
                }
                image.setRGB(x, y, rgb);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return withExif(out.toByteArray());
    }

    /** The JPEG with an APP1 Exif block after SOI: IFD0 with Orientation 6 and an ImageDescription holding GPS. */
    private static byte[] withExif(byte[] jpeg) {
        byte[] text = (GPS + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd = 8;
        int textAt = ifd + 2 + 2 * 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(textAt + text.length);
        tiff.put(new byte[] {'M', 'M'}).putShort((short) 42).putInt(ifd);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010e).putShort((short) 2).putInt(text.length).putInt(textAt); // ImageDescription
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0); // Orientation
        tiff.putInt(0).put(text);
        byte[] payload = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(tiff.array()).array();
        return JpegSegments.withApp1(jpeg, payload);
    }
}
