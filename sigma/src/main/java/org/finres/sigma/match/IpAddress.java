package org.finres.sigma.match;

/**
 * Parses IPv4 and IPv6 literals to bytes without any name resolution ({@code InetAddress.getByName} would do DNS
 * look-ups for non-literals, which a matcher must never do). Returns null for anything that is not a literal.
 */
final class IpAddress {

    private IpAddress() {}

    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) return null;
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        return s.indexOf(':') >= 0 ? v6(s) : v4(s);
    }

    static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) return null;
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) return null;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static byte[] v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) return null;
        int total = h.length + t.length;
        if (dbl < 0 && total != 8) return null;
        if (dbl >= 0 && total > 7) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** Hex groups separated by ':'; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4tail = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4tail && i == n - 1) {
                byte[] b = v4(p);
                if (b == null) return null;
                out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) return null;
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }

    static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    static byte[] v4Of(byte[] mapped) {
        return new byte[] {mapped[12], mapped[13], mapped[14], mapped[15]};
    }
}
