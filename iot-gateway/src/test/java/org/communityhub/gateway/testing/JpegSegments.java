package org.communityhub.gateway.testing;

import java.nio.ByteBuffer;

/** Test uploads as cameras write them: a JPEG with metadata segments the hub must not keep. */
public final class JpegSegments {

    private JpegSegments() {
    }

    /** The JPEG with an APP1 segment (an {@code Exif\0\0} block, XMP, …) holding {@code payload} right after SOI. */
    public static byte[] withApp1(byte[] jpeg, byte[] payload) {
        return ByteBuffer.allocate(jpeg.length + payload.length + 4).put(jpeg, 0, 2).put((byte) 0xff).put((byte) 0xe1)
                .putShort((short) (payload.length + 2)).put(payload).put(jpeg, 2, jpeg.length - 2).array();
    }
}
