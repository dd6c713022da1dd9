package org.communityhub.gateway.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The EXIF Orientation tag (TIFF tag 274, values 1–8) of a JPEG upload, and the rotation/flip it asks for. A
 * phone stores the sensor's pixels as they come and says in Orientation how to turn them (6: 90° clockwise for a
 * portrait photo taken upright, 8: 90° anticlockwise, 3: 180°, 2/4/5/7 the mirrored variants). The sanitizer drops
 * every byte of the upload's metadata, so it must turn the pixels itself, or a portrait photo is stored sideways.
 *
 * <p>Reading: the JPEG's marker segments are walked from SOI up to the first SOS (each step advances by the
 * segment's own length, so at most one pass over the upload); the first APP1 that starts with {@code Exif\0\0}
 * is read as a TIFF header (byte order, 42, IFD0 offset) and IFD0's entries (all within the segment, or the
 * block is ignored) are searched for tag 274 of type SHORT. Nothing else is parsed: no Exif or GPS sub-IFD, no MakerNote,
 * no allocation that depends on the file. Anything malformed or out of range (a truncated segment, an offset
 * beyond its end, a value outside 1–8) means "no orientation": the photo is kept as decoded, never refused.
 * TwelveMonkeys' {@code TIFFReader} (imageio-metadata, on the class path as a dependency of the WebP reader) was
 * considered: it parses every IFD of the block into entries and allocates arrays by the counts the file states,
 * to produce one SHORT we need from IFD0; a 60-line bounded reader has nothing to tune against hostile input.
 *
 * <p>Applying: {@link #apply} makes a new {@code TYPE_3BYTE_BGR} image by copying pixels (3 bytes each) to their
 * turned positions (one pass over at most 2048 × 2048 pixels, after the scaling, so never more pixels than the
 * stored photo; not measured separately from the re-encoding); orientation 1 returns the image itself. Stateless and
 * thread-safe.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The Orientation (1–8) of a JPEG's APP1 Exif block; {@link #NORMAL} when absent or malformed. */
    static int of(byte[] jpeg) {
        int p = 2; // after SOI
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xff) != 0xff) {
                return NORMAL;
            }
            int marker = jpeg[p + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                p++;
                continue;
            }
            if (marker == 0xda || marker == 0xd9) { // SOS, EOI: no metadata after this point
                return NORMAL;
            }
            int length = u16(jpeg, p + 2, true);
            if (length < 2 || p + 2 + length > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xe1 && length >= 8 && isExif(jpeg, p + 4)) {
                return fromTiff(jpeg, p + 10, p + 2 + length);
            }
            p += 2 + length;
        }
        return NORMAL;
    }

    private static boolean isExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** Orientation from the TIFF structure in {@code b[start, end)}; offsets in it count from {@code start}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (end - start < 8) {
            return NORMAL;
        }
        boolean bigEndian;
        if (b[start] == 'M' && b[start + 1] == 'M') {
            bigEndian = true;
        } else if (b[start] == 'I' && b[start + 1] == 'I') {
            bigEndian = false;
        } else {
            return NORMAL;
        }
        if (u16(b, start + 2, bigEndian) != 42) {
            return NORMAL;
        }
        long ifd = u32(b, start + 4, bigEndian);
        if (ifd < 8 || ifd > end - start - 2) {
            return NORMAL;
        }
        int at = start + (int) ifd;
        int count = u16(b, at, bigEndian);
        if (2 + 12 * count > end - at) { // more entries claimed than the block holds
            return NORMAL;
        }
        for (int i = 0; i < count; i++) {
            int e = at + 2 + 12 * i;
            if (u16(b, e, bigEndian) == TAG_ORIENTATION) {
                if (u16(b, e + 2, bigEndian) != TYPE_SHORT || u32(b, e + 4, bigEndian) != 1) {
                    return NORMAL;
                }
                int value = u16(b, e + 8, bigEndian); // a SHORT sits left-justified in the 4-byte value field
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int hi = b[at] & 0xff;
        int lo = b[at + 1] & 0xff;
        return bigEndian ? hi << 8 | lo : lo << 8 | hi;
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long a = u16(b, at, bigEndian);
        long c = u16(b, at + 2, bigEndian);
        return bigEndian ? a << 16 | c : c << 16 | a;
    }

    /**
     * The image as it is meant to be seen: {@code bgr} turned/flipped as {@code orientation} says (width and
     * height swap for 5–8).
     *
     * @param bgr a {@code TYPE_3BYTE_BGR} image
     */
    static BufferedImage apply(BufferedImage bgr, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return bgr;
        }
        if (bgr.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("expected TYPE_3BYTE_BGR, got type " + bgr.getType());
        }
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int d = 0;
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int sx = switch (orientation) {
                    case 2, 3 -> w - 1 - dx;
                    case 4 -> dx;
                    case 5, 6 -> dy;
                    default -> w - 1 - dy; // 7, 8
                };
                int sy = switch (orientation) {
                    case 2 -> dy;
                    case 3, 4 -> h - 1 - dy;
                    case 5, 8 -> dx;
                    default -> h - 1 - dx; // 6, 7
                };
                int s = (sy * w + sx) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
                d += 3;
            }
        }
        return out;
    }
}
