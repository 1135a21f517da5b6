package org.finres.warning;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import org.finres.core.InvalidInputException;
import org.finres.warning.internal.AddressRange;

/**
 * An observable a warning tells members to look for, and the STIX pattern it is published with. The value is
 * checked for its type here, so that a warning never publishes a pattern that does not parse.
 */
public record WarningIndicator(String type, String value) {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public WarningIndicator {
        if (type == null || value == null || value.isBlank()) {
            throw new InvalidInputException("indicators", "each indicator needs a type and a value");
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        value = value.strip();
        String problem = problem(type, value);
        if (problem != null) {
            throw new InvalidInputException("indicators", type + " '" + InvalidInputException.preview(value) + "' "
                    + problem);
        }
        if (type.equals("domain")) {
            value = IDN.toASCII(value.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Reads "type,value" or a bare value whose type is evident (an address, a CIDR, a hash by its length, a URL, an
     * e-mail address, else a domain).
     */
    public static WarningIndicator parse(String line) {
        String text = line.strip();
        int comma = text.indexOf(',');
        if (comma > 0 && TYPES.contains("|" + text.substring(0, comma).strip().toLowerCase(Locale.ROOT) + "|")) {
            return new WarningIndicator(text.substring(0, comma), text.substring(comma + 1));
        }
        return new WarningIndicator(inferType(text), text);
    }

    private static final String TYPES = "|ipv4|ipv6|cidr|domain|url|md5|sha1|sha256|email|";

    private static String inferType(String v) {
        if (v.contains("://")) {
            return "url";
        }
        if (v.contains("@")) {
            return "email";
        }
        if (v.contains("/")) {
            return "cidr";
        }
        if (AddressRange.isAddress(v)) {
            return v.contains(":") ? "ipv6" : "ipv4";
        }
        if (HEX.matcher(v).matches()) {
            return switch (v.length()) {
                case 32 -> "md5";
                case 40 -> "sha1";
                case 64 -> "sha256";
                default -> "domain";
            };
        }
        return "domain";
    }

    private static String problem(String type, String v) {
        return switch (type) {
            case "ipv4" -> AddressRange.isAddress(v) && !v.contains(":") ? null : "is not an IPv4 address";
            case "ipv6" -> AddressRange.isAddress(v) && v.contains(":") ? null : "is not an IPv6 address";
            case "cidr" -> AddressRange.isRange(v) ? null : "is not an address or CIDR range";
            case "domain" -> DOMAIN.matcher(IDN.toASCII(v.toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED)).matches()
                    ? null : "is not a domain name";
            case "url" -> validUrl(v) ? null : "is not an absolute http(s) or ftp URL";
            case "md5" -> v.length() == 32 && HEX.matcher(v).matches() ? null : "is not an MD5 hash (32 hex digits)";
            case "sha1" -> v.length() == 40 && HEX.matcher(v).matches() ? null : "is not a SHA-1 hash (40 hex digits)";
            case "sha256" -> v.length() == 64 && HEX.matcher(v).matches() ? null
                    : "is not a SHA-256 hash (64 hex digits)";
            case "email" -> EMAIL.matcher(v).matches() ? null : "is not an e-mail address";
            default -> "has an unknown type; use ipv4, ipv6, cidr, domain, url, md5, sha1, sha256 or email";
        };
    }

    private static boolean validUrl(String v) {
        try {
            URI u = new URI(v);
            return u.getScheme() != null && u.getHost() != null
                    && ("http https ftp".contains(u.getScheme().toLowerCase(Locale.ROOT)));
        } catch (Exception e) {
            return false;
        }
    }

    /** The STIX 2.1 pattern for this indicator, its value quoted as the pattern grammar requires. */
    public String stixPattern() {
        String q = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        return switch (type) {
            case "ipv4" -> "[ipv4-addr:value = " + q + "]";
            case "ipv6" -> "[ipv6-addr:value = " + q + "]";
            case "cidr" -> value.contains(":") ? "[ipv6-addr:value ISSUBSET " + q + "]"
                    : "[ipv4-addr:value ISSUBSET " + q + "]";
            case "domain" -> "[domain-name:value = " + q + "]";
            case "url" -> "[url:value = " + q + "]";
            case "md5" -> "[file:hashes.MD5 = " + q.toLowerCase(Locale.ROOT) + "]";
            case "sha1" -> "[file:hashes.'SHA-1' = " + q.toLowerCase(Locale.ROOT) + "]";
            case "sha256" -> "[file:hashes.'SHA-256' = " + q.toLowerCase(Locale.ROOT) + "]";
            case "email" -> "[email-addr:value = " + q + "]";
            default -> throw new IllegalStateException(type);
        };
    }
}
