package org.communityhub.gateway.imaging;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.communityhub.gateway.cases.QrCodeImages;

/**
 * QR codes of a text (a grid's report link, printed and posted in the grid): PNG at {@link #MODULE_PX} pixels
 * per module, or SVG, each with the standard 4-module quiet zone and error correction M. Pure; thread-safe;
 * about a millisecond a code.
 */
public final class QrCodes {

    static final int MODULE_PX = 8;
    private static final int QUIET = 4;

    /** The {@link QrCodeImages} port over these functions. */
    public static final QrCodeImages IMAGES = new QrCodeImages() {
        @Override
        public byte[] png(String text) {
            return QrCodes.png(text);
        }

        @Override
        public String svg(String text) {
            return QrCodes.svg(text);
        }
    };

    private QrCodes() {
    }

    public static byte[] png(String text) {
        BitMatrix m = matrix(text);
        int size = (m.getWidth() + 2 * QUIET) * MODULE_PX;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x / MODULE_PX - QUIET;
                int my = y / MODULE_PX - QUIET;
                boolean dark = mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
                image.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String svg(String text) {
        BitMatrix m = matrix(text);
        int size = m.getWidth() + 2 * QUIET;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x + QUIET).append(',').append(y + QUIET).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 0,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }
}
