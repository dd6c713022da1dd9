package org.communityhub.gateway.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.communityhub.gateway.cases.PhotoSanitizer;

/**
 * {@link PhotoSanitizer} on the JDK's ImageIO (JPEG, PNG) with TwelveMonkeys' WebP reader. The kind
 * is taken from the file's first bytes only (never its name or declared type); the image size is read
 * from the header before any pixel is decoded, so a small file that claims 100,000 × 100,000 pixels
 * (a decompression bomb) is refused cheaply, and a large one is decoded subsampled, never at full
 * size. The pixels are drawn onto a fresh RGB canvas (transparent parts white), scaled to at most
 * {@link #MAX_EDGE} px, and written as a new baseline JPEG with no metadata at all; the thumbnail is
 * at most {@link #THUMB_EDGE} px. Cost: tens of milliseconds for a 12-megapixel phone photo, dominated
 * by decoding. Thread-safe (each call has its own reader/writer).
 */
public final class ImageIoPhotoSanitizer implements PhotoSanitizer {

    static final int MAX_EDGE = 2048;
    static final int THUMB_EDGE = 320;
    /** More pixels than a 50-megapixel camera makes is refused before decoding. */
    static final long MAX_PIXELS = 50_000_000L;
    private static final float QUALITY = 0.85f;

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
        BufferedImage photo = fit(decoded, MAX_EDGE);
        return new CleanPhoto(jpeg(photo), photo.getWidth(), photo.getHeight(), jpeg(fit(photo, THUMB_EDGE)));
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

    private static BufferedImage decode(byte[] upload, String kind) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + kind + " (is imageio-webp on the class path?)");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > MAX_PIXELS) {
                throw new PhotoRejectedException(true, "a photo may have at most " + MAX_PIXELS + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height);
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage image = reader.read(0, param);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw new PhotoRejectedException(false, "the " + kind + " image could not be decoded");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PhotoRejectedException p) {
                throw p;
            }
            throw new PhotoRejectedException(false, "the " + kind + " image could not be decoded");
        } finally {
            reader.dispose();
        }
    }

    /**
     * Every how many source pixels one is decoded: the largest step that still leaves at least {@link #MAX_EDGE}
     * pixels on the longer side, so the scaled result keeps its full size while the decoded image stays under
     * twice it (at most about 4096 × 3072, some 38 MB for a JPEG): a 50-megapixel photo then takes about 37 MB of
     * heap while it is decoded, not 150 to 200 MB, and the hub can hold several reports at once
     * ({@code UploadGate}).
     */
    static int subsampling(int width, int height) {
        return Math.max(1, Math.max(width, height) / MAX_EDGE);
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

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
