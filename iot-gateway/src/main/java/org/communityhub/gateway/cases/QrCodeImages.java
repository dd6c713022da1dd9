package org.communityhub.gateway.cases;

/**
 * Renders a text (a grid's report link) as a QR code image (port; the imaging adapter implements it).
 * Implementations are pure and thread-safe.
 */
public interface QrCodeImages {

    /** A PNG image of the code. */
    byte[] png(String text);

    /** An SVG document of the code. */
    String svg(String text);
}
