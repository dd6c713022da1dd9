package org.communityhub.gateway.imaging;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.NativeLongByReference;
import jnr.ffi.byref.PointerByReference;

/**
 * Not used by the hub: the lossless JPEG-to-JPEG transcode that was measured as a replacement for the sanitizer's
 * decode and re-encode, and not taken (bench/README.md, "cases — a lossless transcode instead of the re-encoding",
 * 2026-12-05); kept beside {@link PhotoCpuRun}, which measures it. On the system's libjpeg-turbo (TurboJPEG's
 * {@code tjTransform}, what {@code jpegtran -copy none -perfect} does): the upload's quantized DCT coefficients are
 * read and written into a new file by the library, turned as the EXIF orientation says (exact on whole MCUs,
 * {@code TJXOPT_PERFECT}), with {@code TJXOPT_COPYNONE} so no APPn or COM segment is copied: the output is SOI, a
 * JFIF APP0, the upload's own quantization tables (verbatim: the uploader chooses those bytes), SOF0, the standard
 * Huffman tables, one sequential scan coded anew, EOI, and {@code PhotoPrivacyTest} passed with it wired into the
 * sanitizer.
 *
 * <p>{@link #strip} applies only to an 8-bit, Huffman-coded (baseline, extended or progressive) YCbCr or grey JPEG of
 * at most {@code maxEdge} px a side whose rotation is perfect (sides a whole number of MCUs, or no rotation); it
 * returns null for anything else (CMYK/YCCK/RGB, 12-bit, arithmetic or lossless coding, a header TurboJPEG rejects,
 * any warning such as a truncated scan, any error), where the sanitizer would decode and re-encode.
 *
 * <p>Cost: on {@code bench/run cases}' 1600 × 1200 photos of ~955 KB (quality ~97), 13.5 ms of thread CPU in the
 * JVM (an entropy decode and an entropy encode of the whole large scan; in a C loop 34 ms when glibc hands libjpeg's
 * 5.8 MB whole-image coefficient array back to the kernel after each call, 13.5 when it keeps it), plus 9 ms for
 * the thumbnail's DCT-scaled decode of the output: 24 ms a photo against the re-encoding's 17.7, and 2.4 times the
 * bytes to store. Thread-safe: each call has its own TurboJPEG handle.
 */
final class TurboJpegTransform {

    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    private static final int TJXOPT_PERFECT = 1;
    private static final int TJXOPT_COPYNONE = 64;
    private static final int TJFLAG_LIMITSCANS = 32768;
    /** EXIF orientation 1..8 to TJXOP: none, hflip, rot180, vflip, transpose, rot90, transverse, rot270. */
    private static final int[] OP = {0, 0, 1, 6, 2, 3, 5, 4, 7};
    /** sizeof(tjtransform) on LP64: tjregion (4 ints), op, options, void *data, the customFilter pointer. */
    private static final int TJTRANSFORM_SIZE = 40;

    /** The TurboJPEG 2.x C functions used here. */
    public interface TransformLibrary {
        Pointer tjInitTransform();

        int tjDestroy(Pointer handle);

        int tjDecompressHeader3(Pointer handle, @In byte[] jpeg, long jpegSize, IntByReference width,
                IntByReference height, IntByReference subsampling, IntByReference colorspace);

        int tjTransform(Pointer handle, @In byte[] jpeg, long jpegSize, int n, PointerByReference dstBufs,
                NativeLongByReference dstSizes, Pointer transforms, int flags);

        void tjFree(Pointer buffer);
    }

    private final TransformLibrary lib;
    private final Runtime runtime;

    private TurboJpegTransform(TransformLibrary lib) {
        this.lib = lib;
        this.runtime = Runtime.getRuntime(lib);
    }

    /** The transform, or null when libturbojpeg.so.0 cannot be loaded. */
    static TurboJpegTransform load() {
        try {
            return new TurboJpegTransform(LibraryLoader.create(TransformLibrary.class).failImmediately()
                    .load("turbojpeg"));
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** A stripped, turned copy of {@code jpeg} and its size, or null when the lossless path does not apply. */
    Result strip(byte[] jpeg, int orientation, int maxEdge) {
        if (!huffman8Bit(jpeg)) {
            return null;
        }
        Pointer handle = lib.tjInitTransform();
        if (handle == null) {
            return null;
        }
        PointerByReference out = new PointerByReference();
        try {
            IntByReference w = new IntByReference(0);
            IntByReference h = new IntByReference(0);
            IntByReference cs = new IntByReference(-1);
            if (lib.tjDecompressHeader3(handle, jpeg, jpeg.length, w, h, new IntByReference(0), cs) != 0
                    || w.getValue() < 1 || h.getValue() < 1 || w.getValue() > maxEdge || h.getValue() > maxEdge
                    || (cs.getValue() != TJCS_YCBCR && cs.getValue() != TJCS_GRAY)) {
                return null;
            }
            Pointer xf = Memory.allocateDirect(runtime, TJTRANSFORM_SIZE, true);
            int op = OP[orientation >= 1 && orientation <= 8 ? orientation : 1];
            xf.putInt(16, op);
            xf.putInt(20, TJXOPT_COPYNONE | (op == 0 ? 0 : TJXOPT_PERFECT));
            NativeLongByReference size = new NativeLongByReference(0);
            // Any warning (a truncated or corrupt scan) makes tjTransform return -1: the caller falls back.
            if (lib.tjTransform(handle, jpeg, jpeg.length, 1, out, size, xf, TJFLAG_LIMITSCANS) != 0
                    || out.getValue() == null) {
                return null;
            }
            byte[] result = new byte[size.getValue().intValue()];
            out.getValue().get(0, result, 0, result.length);
            boolean swap = op == 3 || op == 4 || op == 5 || op == 7;
            return new Result(result, swap ? h.getValue() : w.getValue(), swap ? w.getValue() : h.getValue());
        } finally {
            if (out.getValue() != null) {
                lib.tjFree(out.getValue());
            }
            lib.tjDestroy(handle);
        }
    }

    /**
     * Whether the frame before the first scan is SOF0, SOF1 or SOF2 (Huffman-coded: baseline, extended,
     * progressive) with 8-bit samples and no arithmetic-coding table (DAC): one pass over the segment headers.
     */
    static boolean huffman8Bit(byte[] jpeg) {
        int p = 2;
        boolean frame = false;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xff) != 0xff) {
                return false;
            }
            int marker = jpeg[p + 1] & 0xff;
            if (marker == 0xff) {
                p++;
                continue;
            }
            if (marker == 0xda) {
                return frame;
            }
            int length = (jpeg[p + 2] & 0xff) << 8 | jpeg[p + 3] & 0xff;
            if (length < 2 || p + 2 + length > jpeg.length) {
                return false;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8) {
                if (marker > 0xc2 || frame || length < 3 || jpeg[p + 4] != 8) {
                    return false; // lossless, hierarchical, arithmetic (incl. DAC 0xcc), a second frame, not 8-bit
                }
                frame = true;
            }
            p += 2 + length;
        }
        return false;
    }

    /** The new file and its displayed size. */
    record Result(byte[] jpeg, int width, int height) {
    }
}
