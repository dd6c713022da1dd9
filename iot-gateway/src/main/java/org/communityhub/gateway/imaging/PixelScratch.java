package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.lang.ref.SoftReference;

/**
 * One reusable BGR pixel array per thread for the decoded photo, which never leaves a
 * {@link ImageIoPhotoSanitizer#sanitize} call (it is encoded, scaled to the thumbnail and dropped). A 1600 × 1200
 * photo decodes to 5.8 MB; allocated afresh for each photo, that is a zeroed humongous G1 object (larger than half
 * a region at {@code -Xmx512m}) three times a report, which at 20 reports/s kept G1's concurrent marking busy
 * (bench/README.md, 2026-12-04 late). The array is reused only when it has exactly the size needed (the native
 * codec copies whole arrays) and kept only up to {@link #MAX_KEPT} bytes, behind a {@link SoftReference} so an idle
 * hub under memory pressure gives it back. Thread-confined: each thread has its own array, and an image handed out
 * by {@link #image} is valid until that thread's next call.
 */
final class PixelScratch {

    /** Kept per thread up to 16 MiB: a 2048 × 2048 decode (12 MiB) or a 12-megapixel phone photo decoded at 5/8. */
    static final int MAX_KEPT = 16 << 20;

    private static final ThreadLocal<SoftReference<byte[]>> ARRAY = new ThreadLocal<>();
    private static final ComponentColorModel BGR = (ComponentColorModel) new BufferedImage(1, 1,
            BufferedImage.TYPE_3BYTE_BGR).getColorModel();

    private PixelScratch() {
    }

    /**
     * A {@code TYPE_3BYTE_BGR} image of {@code w × h} over this thread's array (its pixels are whatever the last use
     * left: the caller overwrites them all), or over a fresh array when it is larger than {@link #MAX_KEPT}.
     */
    static BufferedImage image(int w, int h) {
        int bytes = Math.multiplyExact(Math.multiplyExact(w, h), 3);
        SoftReference<byte[]> ref = ARRAY.get();
        byte[] array = ref == null ? null : ref.get();
        if (array == null || array.length != bytes) {
            array = new byte[bytes];
            if (bytes <= MAX_KEPT) {
                ARRAY.set(new SoftReference<>(array));
            }
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(array, bytes), w, h, w * 3, 3,
                new int[] {2, 1, 0}, null);
        BufferedImage image = new BufferedImage(BGR, raster, false, null);
        assert image.getType() == BufferedImage.TYPE_3BYTE_BGR;
        return image;
    }
}
