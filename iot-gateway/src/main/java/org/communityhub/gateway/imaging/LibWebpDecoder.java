package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Base64;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Pinned;
import org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException;

/**
 * WebP decoding by the system's libwebp ({@code libwebp.so.7}, Debian package {@code libwebp7}), called through
 * jnr-ffi as {@link TurboJpegCodec} calls libjpeg-turbo. TwelveMonkeys' pure-Java reader took about 190–230 ms of CPU
 * for a 1600 × 1200 WebP photo, libwebp about a tenth of that (bench/README.md has the figures).
 *
 * <p>The header is read first ({@code WebPGetFeaturesInternal}: size, alpha, animation) and the pixel limit checked
 * before anything is decoded. A still image of at most {@link #MAX_FULL_PIXELS} is decoded at full size straight into
 * a {@code TYPE_3BYTE_BGR} raster ({@code WebPDecodeBGRInto}); with an alpha channel, up to {@link #MAX_ALPHA_PIXELS},
 * it is decoded as BGRA and laid on white, as the sanitizer does with every transparent image. Larger, larger with
 * alpha, or animated ones are left to the ImageIO reader (which decodes them subsampled): {@link #decode} returns null
 * for them. Nothing but the pixels is read out (EXIF and XMP chunks are never copied).
 *
 * <p>Memory a decode: the BGR raster (3 bytes a pixel, at most ~38 MB) and, with alpha, a BGRA array (4 bytes a
 * pixel, at most 16 MB); every array crosses to libwebp {@code @Pinned} (jnr-ffi hands libwebp the Java array
 * itself, no temporary native copy). A 12.6 MP WebP with alpha used to hold 38 MB + 50 MB of heap and a 50 MB native
 * copy a {@code hub-photos} thread. Thread-safe: libwebp's simple decoding API keeps no state between calls.
 */
final class LibWebpDecoder {

    /** A still image up to this size (~38 MB of BGR) is decoded whole; the largest the JPEG path holds is similar. */
    static final long MAX_FULL_PIXELS = 4096L * 3072;
    /** A still image with alpha up to this size (4 MP: 12 MB BGR + 16 MB BGRA) is decoded whole here. */
    static final long MAX_ALPHA_PIXELS = 2048L * 2048;
    /** WEBP_DECODER_ABI_VERSION of libwebp 1.x (the major byte is what the library checks). */
    private static final int DECODER_ABI = 0x0209;
    private static final String PROBE = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    /** The libwebp functions the decoder calls (decode.h of libwebp 1.x). */
    public interface WebpLibrary {
        /** {@code WebPBitstreamFeatures}: width, height, has_alpha, has_animation, format, pad[5]; 0 is VP8_STATUS_OK. */
        int WebPGetFeaturesInternal(@Pinned @In byte[] data, long size, @Pinned @Out int[] features, int abiVersion);

        Pointer WebPDecodeBGRInto(@Pinned @In byte[] data, long size, @Pinned @Out byte[] output, long outputSize,
                                   int stride);

        Pointer WebPDecodeBGRAInto(@Pinned @In byte[] data, long size, @Pinned @Out byte[] output, long outputSize,
                                   int stride);
    }

    private final WebpLibrary lib;

    private LibWebpDecoder(WebpLibrary lib) {
        this.lib = lib;
    }

    /** The decoder, or null when libwebp cannot be loaded or does not decode a 1 × 1 probe image. */
    static LibWebpDecoder load() {
        try {
            WebpLibrary lib = LibraryLoader.create(WebpLibrary.class).failImmediately().load("webp");
            LibWebpDecoder decoder = new LibWebpDecoder(lib);
            BufferedImage probe = decoder.decode(Base64.getDecoder().decode(PROBE), 16);
            return probe != null && probe.getWidth() == 1 ? decoder : null;
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * A {@code TYPE_3BYTE_BGR} image of the WebP (transparent parts white), or null when it is animated, larger than
     * {@link #MAX_FULL_PIXELS}, or has alpha and is larger than {@link #MAX_ALPHA_PIXELS} (the caller decodes it
     * otherwise, subsampled).
     *
     * @throws PhotoRejectedException tooLarge over {@code maxPixels}; not tooLarge when the bytes are not decodable
     */
    BufferedImage decode(byte[] webp, long maxPixels) {
        int[] f = new int[10];
        if (lib.WebPGetFeaturesInternal(webp, webp.length, f, DECODER_ABI) != 0 || f[0] < 1 || f[1] < 1) {
            throw new PhotoRejectedException(false, "the webp image could not be decoded");
        }
        int width = f[0];
        int height = f[1];
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new PhotoRejectedException(true, "a photo may have at most " + maxPixels + " pixels");
        }
        if (f[3] != 0 || pixels > MAX_FULL_PIXELS || f[2] != 0 && pixels > MAX_ALPHA_PIXELS) {
            return null;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (f[2] == 0) {
            if (lib.WebPDecodeBGRInto(webp, webp.length, bgr, bgr.length, width * 3) == null) {
                throw new PhotoRejectedException(false, "the webp image could not be decoded");
            }
            return image;
        }
        byte[] bgra = new byte[width * height * 4];
        if (lib.WebPDecodeBGRAInto(webp, webp.length, bgra, bgra.length, width * 4) == null) {
            throw new PhotoRejectedException(false, "the webp image could not be decoded");
        }
        onWhite(bgra, bgr);
        return image;
    }

    /** BGRA (not premultiplied) laid on white, into BGR. */
    static void onWhite(byte[] bgra, byte[] bgr) {
        for (int i = 0, o = 0; o < bgr.length; i += 4, o += 3) {
            int a = bgra[i + 3] & 0xff;
            int white = 255 * (255 - a);
            bgr[o] = (byte) (((bgra[i] & 0xff) * a + white + 127) / 255);
            bgr[o + 1] = (byte) (((bgra[i + 1] & 0xff) * a + white + 127) / 255);
            bgr[o + 2] = (byte) (((bgra[i + 2] & 0xff) * a + white + 127) / 255);
        }
    }
}
