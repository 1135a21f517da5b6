package org.finres.stix.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The observable values an indicator list may carry, each with the STIX cyber-observable it becomes and the
 * pattern path that matches it. Values are checked and normalised here (domains and hashes in lower case), so a
 * bad value is named before any object is built.
 */
public enum ObservableKind {
    IPV4("ipv4-addr", "ipv4-addr", "value"),
    IPV6("ipv6-addr", "ipv6-addr", "value"),
    DOMAIN("domain-name", "domain-name", "value"),
    URL("url", "url", "value"),
    EMAIL("email-addr", "email-addr", "value"),
    MD5("md5", "file", "hashes.MD5"),
    SHA1("sha1", "file", "hashes.'SHA-1'"),
    SHA256("sha256", "file", "hashes.'SHA-256'"),
    FILE_NAME("filename", "file", "name");

    private static final Pattern IPV4_TEXT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]{2,45}(?:/(\\d{1,3}))?");
    private static final Pattern DOMAIN_TEXT = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern URL_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#]+\\S*");
    private static final Pattern EMAIL_TEXT = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final String csvName;
    private final String scoType;
    private final String patternPath;

    ObservableKind(String csvName, String scoType, String patternPath) {
        this.csvName = csvName;
        this.scoType = scoType;
        this.patternPath = patternPath;
    }

    /** The name used in the CSV {@code type} column. */
    public String csvName() {
        return csvName;
    }

    /** The STIX cyber-observable type the value becomes. */
    public String scoType() {
        return scoType;
    }

    /** The object path in a STIX pattern, such as {@code hashes.'SHA-256'}. */
    public String patternPath() {
        return patternPath;
    }

    /** A CSV type name; also accepts common aliases ({@code ipv4}, {@code domain}, {@code hostname}, {@code sha-256}...). */
    public static Optional<ObservableKind> ofCsvName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Optional<ObservableKind> exact = Arrays.stream(values()).filter(k -> k.csvName.equals(n)).findFirst();
        if (exact.isPresent()) return exact;
        return Optional.ofNullable(switch (n) {
            case "ipv4", "ip-addr" -> IPV4;
            case "ipv6" -> IPV6;
            case "domain", "hostname" -> DOMAIN;
            case "email", "email-address" -> EMAIL;
            case "sha-1" -> SHA1;
            case "sha-256" -> SHA256;
            case "file-name", "file:name" -> FILE_NAME;
            default -> null;
        });
    }

    /** The names accepted in the CSV {@code type} column, for error messages. */
    public static String csvNames() {
        return String.join(", ", Arrays.stream(values()).map(ObservableKind::csvName).toList());
    }

    /**
     * The value checked and normalised.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public String normalise(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) throw new IllegalArgumentException("the value is empty");
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw new IllegalArgumentException("the value contains control characters");
        return switch (this) {
            case IPV4 -> ipv4(v);
            case IPV6 -> ipv6(v);
            case DOMAIN -> domain(v);
            case URL -> {
                if (!URL_TEXT.matcher(v).matches()) throw new IllegalArgumentException("'" + v + "' is not a URL with a scheme and a host");
                yield v;
            }
            case EMAIL -> {
                if (!EMAIL_TEXT.matcher(v).matches()) throw new IllegalArgumentException("'" + v + "' is not an e-mail address");
                yield v;
            }
            case MD5 -> hash(v, 32, "MD5");
            case SHA1 -> hash(v, 40, "SHA-1");
            case SHA256 -> hash(v, 64, "SHA-256");
            case FILE_NAME -> v;
        };
    }

    private static String ipv4(String v) {
        var m = IPV4_TEXT.matcher(v);
        if (!m.matches()) throw new IllegalArgumentException("'" + v + "' is not an IPv4 address (a.b.c.d or a.b.c.d/prefix)");
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) throw new IllegalArgumentException("'" + v + "' has an octet above 255");
        }
        if (m.group(5) != null && Integer.parseInt(m.group(5)) > 32) throw new IllegalArgumentException("'" + v + "' has a prefix above /32");
        return v;
    }

    private static String ipv6(String v) {
        var m = IPV6_TEXT.matcher(v);
        if (!m.matches() || !v.contains(":")) throw new IllegalArgumentException("'" + v + "' is not an IPv6 address");
        String address = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
        if (m.group(1) != null && Integer.parseInt(m.group(1)) > 128) throw new IllegalArgumentException("'" + v + "' has a prefix above /128");
        int compressions = address.split("::", -1).length - 1;
        if (compressions > 1) throw new IllegalArgumentException("'" + v + "' uses :: more than once");
        String[] groups = address.replace("::", ":").split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.isEmpty()) continue;
            if (g.contains(".")) {
                ipv4(g);
                count += 2;
            } else if (g.length() > 4 || g.contains(".")) {
                throw new IllegalArgumentException("'" + v + "' has a group longer than four hex digits");
            } else {
                count++;
            }
        }
        if (count > 8 || (compressions == 0 && count != 8)) throw new IllegalArgumentException("'" + v + "' does not have eight groups");
        return v.toLowerCase(Locale.ROOT);
    }

    private static String domain(String v) {
        String d = v.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        if (!DOMAIN_TEXT.matcher(d).matches()) throw new IllegalArgumentException("'" + v + "' is not a domain name");
        return d;
    }

    private static String hash(String v, int length, String name) {
        String h = v.toLowerCase(Locale.ROOT);
        if (h.length() != length || !HEX.matcher(h).matches())
            throw new IllegalArgumentException("'" + v + "' is not a " + name + " hash (" + length + " hex digits)");
        return h;
    }
}
