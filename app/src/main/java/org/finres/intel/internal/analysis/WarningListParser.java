package org.finres.intel.internal.analysis;

import org.finres.stix.net.IpNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the warning-list file format: {@code name:} and {@code title:} header lines, then one value a line (an IPv4
 * or IPv6 address, a CIDR network, or a domain); {@code #} starts a comment. Every bad line is reported with its
 * number and reason and the good ones are kept, so one typo never disables a whole list.
 */
public final class WarningListParser {

    /** Lines longer than this are refused rather than read: no legitimate value comes near it. */
    static final int MAX_LINE = 1_024;
    static final int MAX_ERRORS = 100;

    /** What a file held: the list (null when it names none) and every bad line. */
    public record Parsed(WarningList list, List<String> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }
    }

    private WarningListParser() {
    }

    public static Parsed parse(String text) {
        List<String> errors = new ArrayList<>();
        List<WarningList.Entry> entries = new ArrayList<>();
        String name = null;
        String title = null;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.length() > MAX_LINE) {
                error(errors, number, "is longer than " + MAX_LINE + " characters");
                continue;
            }
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (value.isEmpty()) {
                continue;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith("name:")) {
                String n = value.substring(5).strip();
                if (name != null) {
                    error(errors, number, "repeats the name header (already '" + name + "')");
                } else if (!n.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                    error(errors, number, "name must be 1-64 of a-z 0-9 - starting with a letter or digit, got '"
                            + preview(n) + "'");
                } else {
                    name = n;
                }
                continue;
            }
            if (lower.startsWith("title:")) {
                title = value.substring(6).strip();
                continue;
            }
            try {
                entries.add(entry(value));
            } catch (IllegalArgumentException e) {
                error(errors, number, e.getMessage());
            }
        }
        if (name == null) {
            error(errors, 1, "the file has no 'name:' header line");
            return new Parsed(null, errors);
        }
        return new Parsed(new WarningList(name, title, entries), errors);
    }

    /** One value: address, network or domain, refused with a reason that names what is wrong. */
    public static WarningList.Entry entry(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("value is empty");
        }
        int slash = v.indexOf('/');
        if (slash >= 0 || v.indexOf(':') >= 0 || v.matches("[0-9.]+")) {
            String addressText = slash >= 0 ? v.substring(0, slash) : v;
            byte[] address = IpNetwork.parseAddress(addressText);
            if (address == null) {
                throw new IllegalArgumentException("'" + preview(addressText) + "' is not an IPv4 or IPv6 address");
            }
            IpNetwork network = IpNetwork.of(address);
            if (slash >= 0) {
                String p = v.substring(slash + 1);
                int prefix = IpNetwork.prefixLength(p);
                if (prefix < 0 || prefix > network.bits()) {
                    throw new IllegalArgumentException("prefix length '" + preview(p) + "' must be 0 to " + network.bits());
                }
                network = new IpNetwork(address, prefix);
                if (!network.hostBitsZero()) {
                    throw new IllegalArgumentException("network '" + preview(v) + "' has host bits set");
                }
            }
            return new WarningList.Entry.Network(network, v.toLowerCase(Locale.ROOT));
        }
        String d = v.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.length() > 253 || !d.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z0-9-]*[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("'" + preview(v) + "' is neither an address, a network nor a domain name");
        }
        return new WarningList.Entry.Domain(d);
    }

    private static void error(List<String> errors, int line, String reason) {
        if (errors.size() < MAX_ERRORS) {
            errors.add("line " + line + ": " + reason);
        }
    }

    static String preview(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}
