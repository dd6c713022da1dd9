package org.communityhub.gateway.testing;

import java.awt.image.BufferedImage;

/**
 * Which way up a stored photo is, read from a test picture of four coloured quadrants: the colour at the centre of
 * each quadrant, row by row (top-left, top-right, bottom-left, bottom-right), as R, G, B, W, or ? for anything else
 * (a channel counts as on above 128, so JPEG's losses and a test's grain do not matter).
 */
public final class PictureQuadrants {

    private PictureQuadrants() {
    }

    /** E.g. "RGBW" for red and green above blue and white. */
    public static String of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int rgb = image.getRGB(i % 2 * w / 2 + w / 4, i / 2 * h / 2 + h / 4);
            boolean r = (rgb >> 16 & 0xff) > 128;
            boolean g = (rgb >> 8 & 0xff) > 128;
            boolean b = (rgb & 0xff) > 128;
            s.append(r && g && b ? 'W' : r && !g && !b ? 'R' : g && !r && !b ? 'G' : b && !r && !g ? 'B' : '?');
        }
        return s.toString();
    }
}
