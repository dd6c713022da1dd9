package org.communityhub.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} the hub believes ({@code HUB_TRUSTED_PROXIES}:
 * comma-separated addresses or CIDR blocks, none by default), and the one rule that turns a request
 * into its client's address: when the TCP peer is a trusted proxy, the client is the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy; otherwise the peer. A direct
 * client therefore cannot choose its address by sending the header, and a client behind the proxy
 * cannot either, because the proxy appends the address it saw. Login throttling, account lock-out
 * and the audit log's {@code remote} all use this address.
 *
 * <p>Immutable and thread-safe; resolving costs a parse of at most {@link #MAX_HOPS} entries, no DNS.
 */
public final class TrustedProxies {

    /** Entries of a forwarded chain looked at, from the right; longer chains are cut. */
    static final int MAX_HOPS = 16;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((b[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Nobody is trusted: the client is always the TCP peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses {@code 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8}; blank means none.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block
     */
    public static TrustedProxies parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block"));
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = entry.substring(slash + 1);
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has a bad prefix length (0–" + bits + ")");
                }
                prefix = Integer.parseInt(p);
            }
            blocks.add(new Block(address.getAddress(), prefix));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} (a literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress a) {
        for (Block b : blocks) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address.
     *
     * @param peer         the TCP peer's address (null when unknown)
     * @param forwardedFor the request's {@code X-Forwarded-For} header values, in order (may be empty)
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (peer == null || blocks.isEmpty() || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                hops.add(entry.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                return client; // garbage from beyond the last trusted hop: believe only that hop
            }
            client = hop.get().getHostAddress();
            if (!trusts(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    /** An IP literal as an address; never a DNS lookup. */
    static Optional<InetAddress> literal(String s) {
        if (s == null || !(IPV4.matcher(s).matches() || IPV6.matcher(s).matches())) {
            return Optional.empty();
        }
        if (IPV4.matcher(s).matches()) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty(); // getByName would look it up as a host name
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        if (blocks.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            try {
                out.add(InetAddress.getByAddress(b.network()).getHostAddress() + "/" + b.prefix());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 4 or 16 bytes, never thrown
            }
        }
        return String.join(",", out);
    }
}
