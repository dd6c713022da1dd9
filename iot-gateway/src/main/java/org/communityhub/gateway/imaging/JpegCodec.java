package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;

/**
 * The JPEG half of the photo sanitizer: decoding uploads that are JPEGs and encoding every stored photo and
 * thumbnail. Two implementations: {@link TurboJpegCodec} (the system's libjpeg-turbo, about half the CPU)
 * and {@link JdkJpegCodec} (the JDK's own codec, used when libjpeg-turbo is not installed);
 * {@link #best()} picks one once. Implementations are thread-safe.
 */
interface JpegCodec {

    /** Quality of every JPEG the hub writes (libjpeg's 0–100 scale). */
    int QUALITY = 85;

    /**
     * Decodes a JPEG into a {@code TYPE_3BYTE_BGR} image, reduced while decoding (never below {@code minEdge} on
     * the longer side) when the photo is larger than that; the header's size is checked first.
     *
     * @throws org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException tooLarge when the header claims
     *         more than {@code maxPixels}; not tooLarge when the bytes cannot be decoded
     */
    BufferedImage decode(byte[] jpeg, int minEdge, long maxPixels);

    /**
     * As {@link #decode}, but the pixels may be in this thread's reusable array ({@link PixelScratch}): the image is
     * valid only until the thread's next call, for a caller that drops it before (the sanitizer). By default a fresh
     * image ({@link JdkJpegCodec}).
     */
    default BufferedImage decodeTransient(byte[] jpeg, int minEdge, long maxPixels) {
        return decode(jpeg, minEdge, maxPixels);
    }

    /**
     * A new baseline JPEG of the pixels (YCbCr 4:2:0, {@link #QUALITY}) with nothing else in it: SOI, the JFIF
     * APP0 header, tables, one scan, EOI.
     *
     * @param bgr a {@code TYPE_3BYTE_BGR} image
     */
    byte[] encode(BufferedImage bgr);

    /** For logs and the benchmark notes: "libjpeg-turbo 2.x" or "JDK ImageIO". */
    String name();

    /** libjpeg-turbo when it can be loaded, else the JDK's codec; the choice is made once per JVM. */
    static JpegCodec best() {
        return Holder.BEST;
    }

    /** Lazy, once: loading the native library costs a few milliseconds. */
    final class Holder {
        static final JpegCodec BEST = pick();

        private Holder() {
        }

        private static JpegCodec pick() {
            JpegCodec turbo = TurboJpegCodec.load();
            JpegCodec codec = turbo != null ? turbo : new JdkJpegCodec();
            org.slf4j.LoggerFactory.getLogger(JpegCodec.class).info("case photos are re-encoded with {}{}", codec.name(),
                    turbo != null ? "" : " (libturbojpeg not found: Debian package libturbojpeg0; about twice the CPU)");
            return codec;
        }
    }
}
