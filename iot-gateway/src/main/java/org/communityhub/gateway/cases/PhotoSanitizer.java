package org.communityhub.gateway.cases;

/**
 * Turns an uploaded photo into one that is safe to keep and show (port; the imaging adapter
 * implements it): recognised by its bytes as JPEG, PNG or WebP, decoded, and encoded afresh so that
 * nothing of the original file survives but its pixels — no EXIF/XMP (GPS position, device serial),
 * no trailing data. Implementations are thread-safe.
 */
public interface PhotoSanitizer {

    /** The largest photo accepted (CONTRACT §7): 5 MiB. */
    int MAX_BYTES = 5 * 1024 * 1024;

    /**
     * @throws PhotoRejectedException when the bytes are too many, not an image of an accepted kind, or
     *                                not decodable
     */
    CleanPhoto sanitize(byte[] upload);

    /** A re-encoded photo and its thumbnail, both JPEG. */
    record CleanPhoto(byte[] jpeg, int width, int height, byte[] thumbnail) {
    }

    /** Why an upload is not a photo the hub keeps; {@link #tooLarge()} maps to 413, the rest to 415. */
    final class PhotoRejectedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean tooLarge;

        public PhotoRejectedException(boolean tooLarge, String message) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }
}
