package org.communityhub.gateway.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho whose input is read through a buffer and whose output flushes are coalesced under
 * load ({@link CoalescingOutputStream}). Paho 1.2.5 reads every MQTT packet
 * straight from the socket's own stream: {@code available()} (an ioctl), the fixed header's first byte, the
 * remaining length byte by byte, then the rest — four or five system calls per message, each a kernel entry
 * on the hub's receiving thread. Measured with {@code strace -c} on the hub at 8,000 events/s, reads and
 * ioctls were most of the ingest path's system calls, and the hub's system CPU time was as large as its user
 * time. Through a 64 KiB buffer one {@code read} takes whatever the kernel holds (many messages under load)
 * and {@code available()} is answered from the buffer while it holds bytes. Paho offers no other hook for
 * this than the {@link SocketFactory} of its options; used only for {@code tcp://} brokers ({@code ssl://}
 * needs an SSL factory, and TLS reads whole records anyway).
 *
 * <p>Thread-safety: the factory is stateless; each socket's stream is read by Paho's one receiver thread.
 */
final class BufferedSocketFactory extends SocketFactory {

    static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }

    /** A socket whose input stream is one buffered stream over the socket's own, and its output a coalescing one. */
    private static final class BufferedSocket extends Socket {

        private InputStream in;
        private CoalescingOutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new AvailableFromBuffer(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new CoalescingOutputStream(super.getOutputStream());
            }
            return out;
        }
    }

    /** {@code available()} from the buffer while it holds bytes ({@link BufferedInputStream} always asks the socket too). */
    private static final class AvailableFromBuffer extends BufferedInputStream {

        AvailableFromBuffer(InputStream in) {
            super(in, BUFFER_BYTES);
        }

        @Override
        public synchronized int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 ? buffered : super.available();
        }
    }
}
