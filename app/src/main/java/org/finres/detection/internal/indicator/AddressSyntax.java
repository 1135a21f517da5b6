package org.finres.detection.internal.indicator;

/**
 * IP address text without allocation and without DNS: dotted-quad IPv4 into an unsigned value in a {@code long},
 * RFC 4291 IPv6 text into two {@code long}s, and the canonical forms back (RFC 5952 for IPv6). Parsers answer "not an
 * address" with {@code -1} or {@code false} rather than an exception, because the index calls them on every
 * observable and most observables are not addresses.
 */
final class AddressSyntax {

    static final long NOT_IPV4 = -1;

    /** The longest IPv6 text: eight groups with a trailing dotted quad, {@code ffff:...:255.255.255.255}. */
    private static final int MAX_IPV6_TEXT = 45;

    /**
     * Dotted-quad IPv4 in {@code s[from, to)}, or {@link #NOT_IPV4}.
     *
     * @param zeroPadded whether octets may carry leading zeros: logs pad them as decimal ({@code 010.000.000.001});
     *                   an indicator must not, since some tools read such octets as octal
     */
    static long ipv4(String s, int from, int to, boolean zeroPadded) {
        if (to - from < 7 || to - from > 15) {
            return NOT_IPV4;
        }
        long value = 0;
        int octets = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 3 || (digits == 1 && octet == 0 && !zeroPadded)) {
                    return NOT_IPV4;
                }
                octet = octet * 10 + (c - '0');
                digits++;
            } else if (c == '.') {
                if (digits == 0 || octet > 255 || octets == 3) {
                    return NOT_IPV4;
                }
                value = value << 8 | octet;
                octets++;
                digits = 0;
                octet = 0;
            } else {
                return NOT_IPV4;
            }
        }
        if (digits == 0 || octet > 255 || octets != 3) {
            return NOT_IPV4;
        }
        return value << 8 | octet;
    }

    /** Why {@code text} is not a strict IPv4 address, for the rejection message; called only after a failure. */
    static String ipv4Problem(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return "it has " + parts.length + " part" + (parts.length == 1 ? "" : "s") + ", not 4";
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return "an octet is empty";
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return IndicatorSyntax.quote(String.valueOf(part.charAt(i))) + " is not a digit";
                }
            }
            if (part.length() > 3 || Integer.parseInt(part) > 255) {
                return "octet " + part + " is above 255";
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return "octet " + part + " has a leading zero";
            }
        }
        return "it is not a dotted quad";
    }

    /**
     * RFC 4291 section 2.2 IPv6 text in {@code s[from, to)} (groups of 1-4 hex digits, one {@code ::}, an optional
     * trailing dotted quad) into {@code out[0]} (high 64 bits) and {@code out[1]} (low); false if it is not one.
     * Zone ids and brackets are the caller's to strip.
     */
    static boolean ipv6(String s, int from, int to, long[] out) {
        if (to - from < 2 || to - from > MAX_IPV6_TEXT) {
            return false;
        }
        long headHi = 0;
        long headLo = 0;
        int headGroups = 0;
        long tailHi = 0;
        long tailLo = 0;
        int tailGroups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == to) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        }
        while (true) {
            int segment = i;
            int group = 0;
            int digits = 0;
            char c = 0;
            while (i < to && (c = s.charAt(i)) != ':' && c != '.') {
                int d = hexValue(c);
                if (d < 0 || ++digits > 4) {
                    return false;
                }
                group = group << 4 | d;
                i++;
            }
            int groups;
            long bits;
            if (i < to && c == '.') {
                long v4 = ipv4(s, segment, to, false);
                if (v4 == NOT_IPV4) {
                    return false;
                }
                groups = 2;
                bits = v4;
                i = to;
            } else {
                if (digits == 0) {
                    return false;
                }
                groups = 1;
                bits = group;
            }
            int shift = groups * 16;
            if (compressed) {
                tailHi = tailHi << shift | tailLo >>> (64 - shift);
                tailLo = tailLo << shift | bits;
                tailGroups += groups;
            } else {
                headHi = headHi << shift | headLo >>> (64 - shift);
                headLo = headLo << shift | bits;
                headGroups += groups;
            }
            if (headGroups + tailGroups > 8) {
                return false;
            }
            if (i == to) {
                break;
            }
            i++; // the ':'
            if (i == to) {
                return false; // a single trailing colon
            }
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            }
        }
        int groups = headGroups + tailGroups;
        if (compressed ? groups > 7 : groups != 8) {
            return false;
        }
        // The head's groups are the address's leading ones: move them up past the zeros "::" stands for.
        int headShift = (8 - headGroups) * 16;
        long hi;
        long lo;
        if (headShift >= 128) {
            hi = 0;
            lo = 0;
        } else if (headShift >= 64) {
            hi = headLo << (headShift - 64);
            lo = 0;
        } else if (headShift == 0) {
            hi = headHi;
            lo = headLo;
        } else {
            hi = headHi << headShift | headLo >>> (64 - headShift);
            lo = headLo << headShift;
        }
        out[0] = hi | tailHi;
        out[1] = lo | tailLo;
        return true;
    }

    /** Whether the address is IPv4-mapped, {@code ::ffff:a.b.c.d} (RFC 4291 section 2.5.5.2). */
    static boolean isIpv4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    static String ipv4Text(long address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** RFC 5952: lower-case, no leading zeros, the longest run of two or more zero groups (the first if tied) as {@code ::}. */
    static String ipv6Text(long hi, long lo) {
        int[] groups = new int[8];
        for (int g = 0; g < 4; g++) {
            groups[g] = (int) (hi >>> (48 - 16 * g)) & 0xffff;
            groups[g + 4] = (int) (lo >>> (48 - 16 * g)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLength) {
                bestStart = start;
                bestLength = g - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[g]));
        }
        return text.toString();
    }

    static long ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    static long ipv6HighMask(int prefix) {
        return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    static long ipv6LowMask(int prefix) {
        return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private AddressSyntax() {
    }
}
