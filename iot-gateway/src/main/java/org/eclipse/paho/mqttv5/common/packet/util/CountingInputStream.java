package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * The hub's replacement for Paho 1.2.5's class of the same name (the hub's build leaves Paho's own out of
 * {@code hub.jar}, and {@code target/classes} comes first on the test class path): the same public API and the
 * same count, plus the bulk {@link #read(byte[], int, int)} that Paho's lacks.
 *
 * <p>Why it exists, measured: Paho parses every incoming packet from a {@code byte[]} through this stream wrapped
 * in a {@code DataInputStream}, twice (the packet, then the PUBLISH's topic, properties and payload). Without a bulk
 * read, {@code DataInputStream.readFully} falls back to {@code InputStream}'s default, one virtual {@code read()}
 * per byte, each a {@code synchronized} {@code ByteArrayInputStream.read()}. A JFR profile of {@code bench/run
 * ingest} at 10,000 events/s (2026-12-04, Paho 1.2.5) put 36 % of the hub's Java samples in
 * {@code MqttWireMessage.createWireMessage}, nearly all of it in that per-byte loop. Paho offers no hook to parse
 * packets differently, and its last release is 1.2.5 (2020): {@code PahoCountingStreamTest} fails when the Paho
 * version changes, so that this copy is looked at again.
 *
 * <p>Cost: one delegated call per read, whatever its length. Not thread-safe (as Paho's: one parser per stream).
 */
public class CountingInputStream extends InputStream {

    private final InputStream inputStream;
    private int counter;

    /** Counts the bytes read from {@code inputStream}. */
    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int b = inputStream.read();
        if (b != -1) {
            counter++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = inputStream.read(b, off, len);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = inputStream.skip(n);
        if (skipped > 0) {
            counter += (int) skipped;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return inputStream.available();
    }

    /** The bytes read so far. */
    public int getCounter() {
        return counter;
    }

    /** Starts counting from zero again. */
    public void resetCounter() {
        counter = 0;
    }
}
