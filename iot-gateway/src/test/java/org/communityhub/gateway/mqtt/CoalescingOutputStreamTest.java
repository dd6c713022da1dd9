package org.communityhub.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.communityhub.gateway.testing.HubFixture;
import org.junit.jupiter.api.Test;

/** What reaches the socket through {@link CoalescingOutputStream}: everything, in order, acknowledgements gathered. */
class CoalescingOutputStreamTest {

    private static final byte[] PUBACK = {0x40, 0x02, 0x00, 0x07};
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] PINGREQ = {(byte) 0xc0, 0x00};

    /** The socket's side: the bytes and how many writes and flushes reached it. */
    private static final class Socket extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;
        int attempts;
        volatile boolean broken;

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (broken) {
                attempts++;
                throw new IOException("connection reset");
            }
            bytes.write(b, off, len);
            writes++;
        }

        @Override
        public synchronized void flush() {
            flushes++;
        }

        synchronized int attempts() {
            return attempts;
        }

        synchronized int size() {
            return bytes.size();
        }
    }

    @Test
    void manyAcknowledgementsInABurstReachTheSocketInFewWritesAndAllArrive() throws Exception {
        Socket socket = new Socket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            byte[] ack = {0x40, 0x02, (byte) (i >> 8), (byte) i};
            out.write(ack, 0, ack.length);
            out.flush();
            expected.write(ack);
        }
        awaitSize(socket, expected.size());
        synchronized (socket) {
            assertThat(socket.bytes.toByteArray()).isEqualTo(expected.toByteArray());
            // The first goes at once, the rest of the burst with the flusher: one write per 1 ms window, however many
            // windows a busy machine stretches the loop over; without coalescing it would be 300.
            assertThat(socket.writes).isLessThan(150);
        }
    }

    @Test
    void anyOtherPacketGoesAtOnceWithTheAcknowledgementsBeforeIt() throws Exception {
        Socket socket = new Socket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        out.write(PUBACK, 0, PUBACK.length);
        out.flush(); // the first: at once
        out.write(PUBACK, 0, PUBACK.length);
        out.flush(); // within the window: gathered (or already sent, if this machine paused for a window)
        out.write(PINGREQ, 0, PINGREQ.length);
        out.flush(); // not an acknowledgement: at once, after the gathered one
        synchronized (socket) {
            assertThat(socket.bytes.toByteArray()).isEqualTo(new byte[] {0x40, 0x02, 0x00, 0x07, 0x40, 0x02, 0x00, 0x07,
                (byte) 0xc0, 0x00});
        }
    }

    @Test
    void aFailedDeferredWriteIsThrownByTheNextCall() throws Exception {
        Socket socket = new Socket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        out.write(PUBACK, 0, PUBACK.length);
        out.flush();
        socket.broken = true;
        out.write(PUBACK, 0, PUBACK.length);
        try {
            out.flush(); // within the window: left to the flusher, whose write fails
            HubFixture.await(WAIT, "the flusher's write to the broken socket", () -> socket.attempts() > 0);
        } catch (IOException atOnce) {
            assertThat(atOnce).hasMessage("connection reset"); // this machine paused for a window: written at once
        }
        assertThatThrownBy(() -> out.write(PINGREQ, 0, PINGREQ.length)).isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void closeSendsWhatIsGathered() throws Exception {
        Socket socket = new Socket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        out.write(PUBACK, 0, PUBACK.length);
        out.flush();
        out.write(PUBACK, 0, PUBACK.length);
        out.flush();
        out.close();
        assertThat(socket.size()).isEqualTo(2 * PUBACK.length);
        assertThatThrownBy(() -> out.write(PUBACK, 0, PUBACK.length)).isInstanceOf(IOException.class);
    }

    private static void awaitSize(Socket socket, int size) {
        HubFixture.await(WAIT, "bytes that reached the socket", () -> socket.size() >= size);
        assertThat(socket.size()).as("bytes that reached the socket").isEqualTo(size);
    }
}
