package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.NativeLongByReference;
import jnr.ffi.byref.PointerByReference;
import org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException;

/**
 * {@link JpegCodec} on the system's libjpeg-turbo (its TurboJPEG API, {@code libturbojpeg.so.0}: Debian package
 * {@code libturbojpeg0}), called through jnr-ffi. libjpeg-turbo is the codec browsers and Android decode with:
 * SIMD colour conversion, IDCT and Huffman coding. On {@code bench/run cases}' 1600 × 1200, 1 MB photos it decodes
 * in 14 ms of CPU where the JDK takes 21 (entropy decoding of the grainy photos is most of both) and encodes in 7
 * where the JDK takes 19 (bench/README.md).
 *
 * <p>Decoding: the header is read first (pixel limit), then the image is decoded straight to BGR, scaled inside
 * the inverse DCT by the smallest factor M/8 that keeps the longer side at least {@code minEdge} (a 4000 × 3000
 * phone photo is decoded at 5/8, 2500 × 1875, for a fraction of the full decode), with
 * {@code TJFLAG_LIMITSCANS} so that a progressive JPEG with thousands of scans (a CPU bomb) is refused. Warnings
 * (a truncated scan, padded with grey) are accepted as the JDK's reader accepts them; errors are not. Colour
 * profiles are not applied (ICC data is never copied; a Display-P3 photo comes out slightly less saturated).
 *
 * <p>Encoding: {@code tjCompress2} from the BGR pixels, 4:2:0, quality {@link JpegCodec#QUALITY}; libjpeg writes
 * SOI, a JFIF APP0, DQT, SOF0, DHT, SOS, the scan and EOI, and nothing else (no EXIF, XMP, ICC or comment: it has
 * no input but the pixels). Each call has its own TurboJPEG handle (created and destroyed, a few microseconds),
 * so the codec is thread-safe; pixels cross to native memory by one copy each way. The jnr-ffi binding below is
 * the nine functions used, declared as the TurboJPEG 2.x C API declares them (Linux x86-64/arm64: C long is 64
 * bits).
 */
final class TurboJpegCodec implements JpegCodec {

    private static final int TJPF_BGR = 1;
    private static final int TJSAMP_420 = 2;
    private static final int TJERR_WARNING = 0;
    /** TJFLAG_LIMITSCANS (libjpeg-turbo 2.1+): refuse progressive JPEGs with an unreasonable number of scans. */
    private static final int TJFLAG_LIMITSCANS = 32768;

    /** The TurboJPEG 2.x C functions the codec calls. */
    public interface TurboJpegLibrary {
        Pointer tjInitCompress();

        Pointer tjInitDecompress();

        int tjDestroy(Pointer handle);

        /** Returns 0 without setting the sizes for a tables-only stream (a truncated file): they start at 0. */
        int tjDecompressHeader3(Pointer handle, @In byte[] jpeg, long jpegSize, IntByReference width,
                IntByReference height, IntByReference subsampling, IntByReference colorspace);

        int tjDecompress2(Pointer handle, @In byte[] jpeg, long jpegSize, @Out byte[] dst, int width, int pitch,
                int height, int pixelFormat, int flags);

        int tjCompress2(Pointer handle, @In byte[] src, int width, int pitch, int height, int pixelFormat,
                PointerByReference jpegBuf, NativeLongByReference jpegSize, int subsampling, int quality, int flags);

        void tjFree(Pointer buffer);

        String tjGetErrorStr2(Pointer handle);

        int tjGetErrorCode(Pointer handle);
    }

    private final TurboJpegLibrary lib;

    private TurboJpegCodec(TurboJpegLibrary lib) {
        this.lib = lib;
    }

    /** The codec, or null when libturbojpeg.so.0 (2.1 or newer) cannot be loaded on this machine. */
    static TurboJpegCodec load() {
        try {
            TurboJpegLibrary lib = LibraryLoader.create(TurboJpegLibrary.class).failImmediately().load("turbojpeg");
            TurboJpegCodec codec = new TurboJpegCodec(lib);
            // A round trip proves the binding (and that the library is 2.x: tjGetErrorStr2 and tjGetErrorCode).
            BufferedImage probe = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
            return codec.decode(codec.encode(probe), 16, 256).getWidth() == 16 ? codec : null;
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public BufferedImage decode(byte[] jpeg, int minEdge, long maxPixels) {
        return decode(jpeg, minEdge, maxPixels, false);
    }

    /** Into this thread's {@link PixelScratch} array: no 5.8 MB allocation (and zeroing) per 2-megapixel photo. */
    @Override
    public BufferedImage decodeTransient(byte[] jpeg, int minEdge, long maxPixels) {
        return decode(jpeg, minEdge, maxPixels, true);
    }

    private BufferedImage decode(byte[] jpeg, int minEdge, long maxPixels, boolean scratch) {
        Pointer handle = lib.tjInitDecompress();
        if (handle == null) {
            throw new IllegalStateException("tjInitDecompress failed");
        }
        try {
            IntByReference w = new IntByReference(0);
            IntByReference h = new IntByReference(0);
            if (lib.tjDecompressHeader3(handle, jpeg, jpeg.length, w, h, new IntByReference(0), new IntByReference(0))
                    != 0) {
                throw new PhotoRejectedException(false, "the jpeg image could not be decoded");
            }
            int width = w.getValue();
            int height = h.getValue();
            if (width < 1 || height < 1) {
                throw new PhotoRejectedException(false, "the jpeg image could not be decoded");
            }
            if ((long) width * height > maxPixels) {
                throw new PhotoRejectedException(true, "a photo may have at most " + maxPixels + " pixels");
            }
            int eighths = eighths(Math.max(width, height), minEdge);
            int outW = scaled(width, eighths);
            int outH = scaled(height, eighths);
            BufferedImage image = scratch ? PixelScratch.image(outW, outH)
                    : new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            if (lib.tjDecompress2(handle, jpeg, jpeg.length, pixels, outW, 0, outH, TJPF_BGR, TJFLAG_LIMITSCANS) != 0
                    && lib.tjGetErrorCode(handle) != TJERR_WARNING) {
                throw new PhotoRejectedException(false, "the jpeg image could not be decoded");
            }
            return image;
        } finally {
            lib.tjDestroy(handle);
        }
    }

    @Override
    public byte[] encode(BufferedImage bgr) {
        if (bgr.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected TYPE_3BYTE_BGR, got type " + bgr.getType());
        }
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Pointer handle = lib.tjInitCompress();
        if (handle == null) {
            throw new IllegalStateException("tjInitCompress failed");
        }
        PointerByReference out = new PointerByReference();
        NativeLongByReference size = new NativeLongByReference(0);
        try {
            if (lib.tjCompress2(handle, pixels, bgr.getWidth(), 0, bgr.getHeight(), TJPF_BGR, out, size, TJSAMP_420,
                    QUALITY, 0) != 0) {
                throw new IllegalStateException("cannot encode a JPEG: " + lib.tjGetErrorStr2(handle));
            }
            byte[] jpeg = new byte[size.getValue().intValue()];
            out.getValue().get(0, jpeg, 0, jpeg.length);
            return jpeg;
        } finally {
            if (out.getValue() != null) {
                lib.tjFree(out.getValue());
            }
            lib.tjDestroy(handle);
        }
    }

    @Override
    public String name() {
        return "libjpeg-turbo";
    }

    @Override
    public String toString() {
        return name();
    }

    /** The smallest M in 1..8 whose M/8 scaling keeps {@code longer} at least {@code minEdge} (8: no scaling). */
    static int eighths(int longer, int minEdge) {
        for (int m = 1; m < 8; m++) {
            if (scaled(longer, m) >= minEdge) {
                return m;
            }
        }
        return 8;
    }

    /** TurboJPEG's TJSCALED: a side decoded at M/8, rounded up. */
    static int scaled(int side, int eighths) {
        return (side * eighths + 7) / 8;
    }
}
