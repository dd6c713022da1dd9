package org.communityhub.gateway.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.communityhub.gateway.cases.PhotoSanitizer;

/**
 * {@link PhotoSanitizer}: JPEGs are decoded and every result encoded by the fastest {@link JpegCodec} available
 * (libjpeg-turbo, else the JDK's), PNG by the JDK's ImageIO, and WebP by the system's libwebp ({@link LibWebpDecoder})
 * when it is installed and the image is a still one of at most 12.6 megapixels, else by TwelveMonkeys' ImageIO reader
 * (pure Java, about ten times the CPU, subsampled for large images).
 * The kind is taken from the file's first bytes only (never its name or declared type); the image size is read
 * from the header before any pixel is decoded, so a small file that claims 100,000 × 100,000 pixels (a
 * decompression bomb) is refused cheaply, and a large one is decoded reduced, never at full size.
 *
 * <p>What is kept is the pixels and nothing else. The pixels are decoded; a non-BGR result (PNG, WebP,
 * transparency) is drawn onto a fresh BGR canvas (transparent parts white); anything larger than {@link #MAX_EDGE}
 * px is scaled down; then a new baseline JPEG is encoded from that raster, so its every byte (headers, tables and
 * the entropy-coded scan) is produced by the hub's encoder: no segment of the upload (EXIF with GPS, XMP, ICC
 * profiles, comments, MakerNotes, embedded thumbnails) and nothing appended after its end (a ZIP or HTML of a
 * polyglot file) can survive, and the structure (which segments, in which order, the end at EOI) is the encoder's
 * alone ({@code PhotoPrivacyTest} walks it). What an uploader still controls is pixel values; crafting pixels whose
 * lossy re-encoding spells chosen bytes is not ruled out in principle, which is why photos are also served as
 * {@code image/jpeg} with {@code nosniff}. Lossless JPEG segment stripping (keeping the upload's scan, dropping
 * APPn, COM and what follows EOI) was considered and rejected: it keeps the uploader's entropy-coded bytes verbatim,
 * so a ZIP end-of-central-directory record placed at the end of the scan still makes the result a JPEG/ZIP
 * polyglot, with no effort at all. A lossless transcode ({@code jpegtran -copy none}: the coefficients Huffman-coded
 * anew) was measured and not taken either: 24 ms of CPU a photo instead of 18 on the benchmark's quality-97 photos
 * (an entropy decode and encode of the whole scan, then a second decode for the thumbnail), 2.4 times the bytes
 * stored, and the upload's quantization tables copied verbatim (bench/README.md, 2026-12-05). A photo already within
 * {@link #MAX_EDGE} px keeps its size (it is re-encoded, not scaled); the thumbnail ({@link #THUMB_EDGE} px) is
 * scaled from the already decoded photo, not decoded a second time. Since the EXIF block is dropped, a JPEG's
 * Orientation tag is applied to the pixels first ({@link ExifOrientation}: a phone's portrait photo is stored
 * upright, with width and height swapped, and so is its thumbnail).
 *
 * <p>Cost on {@code bench/run cases}' 1600 × 1200 photos of 1 MB: about 23 ms of CPU a photo with libjpeg-turbo,
 * 40–42 ms with the JDK's codec (bench/README.md has the split); a WebP photo of that size about 30 ms with libwebp,
 * about 230 ms with the pure-Java reader. Thread-safe (each call has its own decoder and encoder state; a JPEG is
 * decoded into its thread's reusable pixel array, {@link PixelScratch}, which the call drops before it returns).
 */
public final class ImageIoPhotoSanitizer implements PhotoSanitizer {

    static final int MAX_EDGE = 2048;
    static final int THUMB_EDGE = 320;
    /** More pixels than a 50-megapixel camera makes is refused before decoding. */
    static final long MAX_PIXELS = 50_000_000L;

    private final JpegCodec codec;
    private final LibWebpDecoder webp;

    /** With the best codec of this machine ({@link JpegCodec#best()}) and libwebp where it can be loaded. */
    public ImageIoPhotoSanitizer() {
        this(JpegCodec.best());
    }

    ImageIoPhotoSanitizer(JpegCodec codec) {
        this(codec, WebpHolder.DECODER);
    }

    /** @param webp libwebp, or null for TwelveMonkeys' reader for every WebP */
    ImageIoPhotoSanitizer(JpegCodec codec, LibWebpDecoder webp) {
        this.codec = codec;
        this.webp = webp;
    }

    /** "libjpeg-turbo" or "JDK ImageIO": which JPEG codec this sanitizer uses. */
    public String codecName() {
        return codec.name();
    }

    @Override
    public CleanPhoto sanitize(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            throw new PhotoRejectedException(true, "a photo may have at most " + MAX_BYTES + " bytes");
        }
        String kind = kindOf(upload);
        if (kind == null) {
            throw new PhotoRejectedException(false, "a photo must be a JPEG, PNG or WebP image");
        }
        BufferedImage decoded = decode(upload, kind);
        int orientation = kind.equals("jpeg") ? ExifOrientation.of(upload) : ExifOrientation.NORMAL;
        BufferedImage photo = ExifOrientation.apply(fit(decoded, MAX_EDGE), orientation);
        return new CleanPhoto(codec.encode(photo), photo.getWidth(), photo.getHeight(),
                codec.encode(fit(photo, THUMB_EDGE)));
    }

    private BufferedImage decode(byte[] upload, String kind) {
        if (kind.equals("jpeg")) {
            return codec.decodeTransient(upload, MAX_EDGE, MAX_PIXELS); // dropped before this thread's next photo
        }
        if (kind.equals("webp") && webp != null) {
            BufferedImage whole = webp.decode(upload, MAX_PIXELS);
            if (whole != null) {
                return whole;
            }
        }
        return JdkJpegCodec.read(upload, kind, MAX_EDGE, MAX_PIXELS);
    }

    /** libwebp, loaded once per JVM (a few milliseconds), or null where it is missing (logged). */
    static final class WebpHolder {
        static final LibWebpDecoder DECODER = load();

        private WebpHolder() {
        }

        private static LibWebpDecoder load() {
            LibWebpDecoder d = LibWebpDecoder.load();
            org.slf4j.LoggerFactory.getLogger(ImageIoPhotoSanitizer.class).info("WebP photos are decoded with {}",
                    d != null ? "libwebp" : "TwelveMonkeys ImageIO (libwebp not found: Debian package libwebp7; "
                            + "about ten times the CPU)");
            return d;
        }
    }

    /** The format name ImageIO knows, from the magic bytes; null for anything else. */
    static String kindOf(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        return null;
    }

    /**
     * An RGB image no larger than {@code edge} on its longer side (transparent pixels white), in the JPEG
     * writer's own layout ({@code TYPE_3BYTE_BGR}): the JDK's writer copies any other layout pixel by pixel
     * through generic raster calls, which took about 60 % of the hub's CPU in {@code bench/run cases} when this
     * was {@code TYPE_INT_RGB}. A decoded JPEG that is already small enough and in that layout is used as is
     * (it is written anew without its metadata either way).
     */
    static BufferedImage fit(BufferedImage source, int edge) {
        double scale = Math.min(1.0, (double) edge / Math.max(source.getWidth(), source.getHeight()));
        if (scale == 1.0 && source.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return source;
        }
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
