package org.communityhub.gateway.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output for Paho whose acknowledgements are coalesced under load. Paho 1.2.5's sender thread writes and
 * flushes every packet on its own, so each MQTT acknowledgement (PUBACK) the hub sends after a batch commits is one
 * {@code write} system call: a batch of 300 events, 300 calls. Here a flush of PUBACKs only goes to the socket at
 * once when the previous flush is at least {@value #WINDOW_MICROS} µs old (an idle or lightly loaded session waits
 * for nothing); a sooner one is left to a shared flusher thread that writes whatever has gathered by then in one
 * call. So under load a session makes at most one write of acknowledgements per window, and none waits longer than
 * the window. Every other packet (CONNECT, SUBSCRIBE, PINGREQ, DISCONNECT…) goes at once, with what gathered
 * before it: Paho hands each packet over in one write, so the first byte of a write is a packet's type.
 *
 * <p>Measured with {@code perf stat} on the hub's threads in {@code bench/run ingest} at 6,000 events/s
 * (2026-12-04): Paho's sender thread made about one system call per event (45,506 in 15 s) for 3.5 µs of CPU an
 * event. The broker treats a late PUBACK like any other (the receive maximum bounds what is unacknowledged), and a
 * PUBACK lost with a dropped connection means a redelivery, which the idempotent store ignores.
 *
 * <p>Errors of a deferred write are kept and thrown by the next write, flush or close, so Paho learns of them as
 * it would have. Acknowledgements still gathered when Paho drops the socket are lost with it, as unsent ones always
 * were: the broker redelivers those messages. Thread-safe: Paho's sender and the flusher take this object's monitor.
 */
final class CoalescingOutputStream extends OutputStream {

    static final long WINDOW_MICROS = 1_000;
    private static final long WINDOW_NANOS = TimeUnit.MICROSECONDS.toNanos(WINDOW_MICROS);
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final ScheduledExecutorService FLUSHER = flusher();
    /** The fixed header's packet type of a PUBACK (MQTT 5.0 §3.4.1), in the first byte's high nibble. */
    private static final int PUBACK = 0x40;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    private long lastFlush = System.nanoTime() - 2 * WINDOW_NANOS;
    private boolean scheduled;
    /** Whether a packet other than a PUBACK was written since the last flush: then the next flush goes at once. */
    private boolean urgent;
    private boolean closed;
    private IOException failed;

    CoalescingOutputStream(OutputStream out) {
        this.out = out;
    }

    private static ScheduledExecutorService flusher() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hub-mqtt-flush");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        usable();
        urgent = true; // Paho writes whole packets; a lone byte is not an acknowledgement
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        usable();
        if (len > 0 && (b[off] & 0xf0) != PUBACK) {
            urgent = true;
        }
        if (len > buffer.length - count) {
            drain();
            if (len >= buffer.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    @Override
    public synchronized void flush() throws IOException {
        usable();
        if (count == 0) {
            return;
        }
        long now = System.nanoTime();
        long since = now - lastFlush;
        if (urgent || since >= WINDOW_NANOS) {
            flushOut(now); // a flusher already scheduled then finds nothing to do
        } else if (!scheduled) {
            scheduled = true;
            FLUSHER.schedule(this::deferred, WINDOW_NANOS - since, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failed == null) {
                flushOut(System.nanoTime());
            }
        } finally {
            closed = true;
            out.close();
        }
    }

    private synchronized void deferred() {
        scheduled = false;
        if (closed || failed != null || count == 0) {
            return;
        }
        try {
            flushOut(System.nanoTime());
        } catch (IOException e) {
            failed = e;
        }
    }

    private void flushOut(long now) throws IOException {
        drain();
        out.flush();
        lastFlush = now;
        urgent = false;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    private void usable() throws IOException {
        if (failed != null) {
            throw failed;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
