package org.finres.stix.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network; a single address is the network of its full length (/32 or /128).
 *
 * <p>Parsing never resolves names: {@code InetAddress.getByName} looks up anything that is not a literal, and
 * neither a pattern nor a warning-list file may make the hub query DNS. The syntax is strict, so one text means
 * one network: dotted quads without leading zeros (which some stacks read as octal), RFC 4291 IPv6 with an
 * optional trailing dotted quad, no zone ids, prefix lengths of one to three digits.
 *
 * @param address 4 or 16 bytes; a copy is kept and handed out
 * @param prefix  0 to 32 or 0 to 128
 */
public record IpNetwork(byte[] address, int prefix) {

    public IpNetwork {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw new IllegalArgumentException("an IP address is 4 or 16 bytes");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " must be 0 to " + address.length * 8);
        }
        address = address.clone();
    }

    /** A single address: the network of its full length. */
    public static IpNetwork of(byte[] address) {
        return new IpNetwork(address, address == null ? 0 : address.length * 8);
    }

    /** The 4 or 16 bytes of an address literal, or null when the text is none. */
    public static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        return text.indexOf(':') >= 0 ? v6(text) : v4(text);
    }

    /**
     * An address or {@code address/prefix}, with any host bits cleared (a STIX value {@code 10.1.2.3/8} is the
     * network 10.0.0.0/8); empty when the text is neither. Callers that must refuse host bits check
     * {@link #hostBitsZero()} on {@link #parseExact(String)}.
     */
    public static Optional<IpNetwork> parse(String text) {
        return parseExact(text).map(IpNetwork::masked);
    }

    /** As {@link #parse(String)} but keeping the host bits as written. */
    public static Optional<IpNetwork> parseExact(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(of(address));
        }
        int prefix = prefixLength(text.substring(slash + 1));
        return prefix < 0 || prefix > address.length * 8 ? Optional.empty() : Optional.of(new IpNetwork(address, prefix));
    }

    /** One to three decimal digits, or -1. */
    public static int prefixLength(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** 32 or 128. */
    public int bits() {
        return address.length * 8;
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    /** A single address rather than a wider network. */
    public boolean isHost() {
        return prefix == bits();
    }

    /** True when no bit after the prefix is set, that is the address is the network's own. */
    public boolean hostBitsZero() {
        for (int i = prefix; i < bits(); i++) {
            if ((address[i / 8] & (0x80 >> (i % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The same network with its host bits cleared. */
    public IpNetwork masked() {
        byte[] out = address.clone();
        for (int i = prefix; i < bits(); i++) {
            out[i / 8] &= (byte) ~(0x80 >> (i % 8));
        }
        return new IpNetwork(out, prefix);
    }

    /** True when {@code inner} (an address or network of the same family) lies wholly inside this network. */
    public boolean contains(IpNetwork inner) {
        if (inner.address.length != address.length || inner.prefix < prefix) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != inner.address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (inner.address[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork other && prefix == other.prefix && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (isIpv4()) {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(address[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 8; i++) {
                out.append(i == 0 ? "" : ":").append(Integer.toHexString(((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff)));
            }
        }
        return isHost() ? out.toString() : out + "/" + prefix;
    }

    private static byte[] v4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            int length = i - start;
            if (part > 3 || length == 0 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
                return null;
            }
            int value = 0;
            for (int k = start; k < i; k++) {
                char c = text.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            out[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? out : null;
    }

    private static byte[] v6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2), true) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int g = 8 - tail.length + i;
            out[2 * g] = (byte) (tail[i] >> 8);
            out[2 * g + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when {@code lastMayBeV4}. */
    private static int[] groups(String s, boolean lastMayBeV4) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && lastMayBeV4 && p.indexOf('.') >= 0) {
                byte[] quad = v4(p);
                if (quad == null) {
                    return null;
                }
                out[n++] = ((quad[0] & 0xff) << 8) | (quad[1] & 0xff);
                out[n++] = ((quad[2] & 0xff) << 8) | (quad[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = hexDigit(p.charAt(k));
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }

    /** ASCII only: {@code Character.digit} would also take full-width and other Unicode digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
