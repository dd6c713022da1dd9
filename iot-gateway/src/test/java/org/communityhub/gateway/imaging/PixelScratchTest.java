package org.communityhub.gateway.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The decoded photo's pixel array is reused per thread and size, in the layout the codecs take as is. */
class PixelScratchTest {

    @Test
    void oneArrayPerThreadAndSizeUpToTheCap() throws Exception {
        BufferedImage a = PixelScratch.image(1600, 1200);
        BufferedImage b = PixelScratch.image(1600, 1200);
        assertThat(a.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(a.getWidth()).isEqualTo(1600);
        assertThat(a.getHeight()).isEqualTo(1200);
        assertThat(pixels(a)).hasSize(1600 * 1200 * 3).isSameAs(pixels(b));
        byte[] other = CompletableFuture.supplyAsync(() -> pixels(PixelScratch.image(1600, 1200))).get();
        assertThat(other).as("another thread's own array").isNotSameAs(pixels(a));
        BufferedImage smaller = PixelScratch.image(1200, 1600);
        assertThat(pixels(smaller)).as("same byte count, so the same array").isSameAs(pixels(a));
        assertThat(pixels(PixelScratch.image(640, 480))).hasSize(640 * 480 * 3).isNotSameAs(pixels(a));
        BufferedImage huge = PixelScratch.image(4096, 2048);
        assertThat(pixels(huge).length).isGreaterThan(PixelScratch.MAX_KEPT);
        assertThat(pixels(PixelScratch.image(4096, 2048))).as("past the cap: not kept").isNotSameAs(pixels(huge));
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }
}
