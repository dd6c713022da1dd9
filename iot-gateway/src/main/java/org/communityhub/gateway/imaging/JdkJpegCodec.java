package org.communityhub.gateway.imaging;

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
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.communityhub.gateway.cases.PhotoSanitizer.PhotoRejectedException;

/**
 * {@link JpegCodec} on the JDK's own ImageIO JPEG plugin (libjpeg 6b inside the JDK, no SIMD): the fallback when
 * libjpeg-turbo is not installed. Also the reader of PNG and WebP uploads ({@link #read}). Streams are in memory:
 * {@code ImageIO.createImageInputStream/OutputStream} would copy every photo through a temporary file (ImageIO's
 * default cache). A large image is decoded with source subsampling (every n-th pixel, n chosen so the longer side
 * stays at least {@code minEdge}), which bounds the memory, not the CPU: libjpeg still decodes every block.
 * Each call has its own reader/writer. Thread-safe.
 */
final class JdkJpegCodec implements JpegCodec {

    @Override
    public BufferedImage decode(byte[] jpeg, int minEdge, long maxPixels) {
        return read(jpeg, "jpeg", minEdge, maxPixels);
    }

    @Override
    public byte[] encode(BufferedImage bgr) {
        ImageWriter writer = jdkPlugin(ImageIO.getImageWritersByFormatName("jpeg"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bgr.getWidth() * bgr.getHeight() / 4 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY / 100f);
            writer.write(null, new IIOImage(bgr, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Override
    public String name() {
        return "JDK ImageIO";
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Decodes image 0 of an upload of the given ImageIO format, subsampled by {@link #subsampling}; the size in the
     * header is checked against {@code maxPixels} before any pixel is decoded.
     */
    static BufferedImage read(byte[] upload, String kind, int minEdge, long maxPixels) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + kind + " (is imageio-webp on the class path?)");
        }
        ImageReader reader = jdkPlugin(readers);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw new PhotoRejectedException(true, "a photo may have at most " + maxPixels + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, minEdge);
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
     * Every how many source pixels one is decoded: the largest step that still leaves at least {@code minEdge}
     * pixels on the longer side, so the scaled result keeps its full size while the decoded image stays under twice
     * it (at most about 4096 × 3072, some 38 MB for a JPEG): a 50-megapixel photo then takes about 37 MB of heap
     * while it is decoded, not 150 to 200 MB, and the hub can hold several reports at once ({@code UploadGate}).
     */
    static int subsampling(int width, int height, int minEdge) {
        return Math.max(1, Math.max(width, height) / minEdge);
    }

    /**
     * The JDK's own plugin among those ImageIO lists (a JPEG plugin another library registers is not used: its
     * output is not this class's contract), else the first (PNG; TwelveMonkeys' WebP reader).
     */
    private static <T> T jdkPlugin(Iterator<T> plugins) {
        T first = null;
        while (plugins.hasNext()) {
            T p = plugins.next();
            if (p == null) {
                continue;
            }
            if (p.getClass().getName().startsWith("com.sun.imageio.")) {
                return p;
            }
            first = first == null ? p : first;
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO plugin");
        }
        return first;
    }
}
