package org.finres.detection.internal.indicator;

import java.util.Locale;

/**
 * The kinds of indicator the hub matches. {@link #code()} is the stable external name used in uploads, the REST API
 * and the store; it never changes once published.
 */
public enum IndicatorType {
    IPV4("ipv4"),
    IPV6("ipv6"),
    /** An IPv4 or IPv6 network in CIDR notation; one kind because analysts rarely care which family a block is. */
    CIDR("cidr"),
    DOMAIN("domain"),
    URL("url"),
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    EMAIL("email");

    private final String code;

    IndicatorType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * The type for an external code, case-insensitively, also accepting the STIX 2.1 object names
     * ({@code ipv4-addr}, {@code domain-name}, ...) and common spellings ({@code sha-256}, {@code hostname}). The
     * code {@code ip} is deliberately not here: it names a family, and {@link IndicatorValue#parse(String, String)}
     * resolves it from the value.
     *
     * @throws IndicatorFormatException if the code is unknown
     */
    public static IndicatorType fromCode(String code) {
        if (code == null) {
            throw new IndicatorFormatException("indicator type is missing");
        }
        return switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "ipv4", "ipv4-addr" -> IPV4;
            case "ipv6", "ipv6-addr" -> IPV6;
            case "cidr", "network", "subnet" -> CIDR;
            case "domain", "domain-name", "hostname", "fqdn" -> DOMAIN;
            case "url", "uri" -> URL;
            case "md5" -> MD5;
            case "sha1", "sha-1" -> SHA1;
            case "sha256", "sha-256" -> SHA256;
            case "email", "email-addr", "e-mail" -> EMAIL;
            default -> throw new IndicatorFormatException("unknown indicator type " + IndicatorSyntax.quote(code)
                    + "; expected one of ipv4, ipv6, cidr, domain, url, md5, sha1, sha256, email");
        };
    }

    /** Whether {@code code} names a type (or the family {@code ip}); used to tell a CSV header or type column. */
    static boolean isCode(String code) {
        try {
            return code.strip().equalsIgnoreCase("ip") || fromCode(code) != null;
        } catch (IndicatorFormatException e) {
            return false;
        }
    }

    /**
     * The type a bare value has by its shape, for lists without a type column: {@code scheme://} is a URL, an
     * {@code @} an e-mail, 32/40/64 hex digits a hash, digits and dots an IPv4 address, a {@code /} after an address
     * a network, colons an IPv6 address, and anything with a dot and host-name characters a domain. The value is not
     * validated here beyond its shape; {@link IndicatorValue#parse(IndicatorType, String)} does that.
     *
     * @throws IndicatorFormatException if the value has none of these shapes
     */
    public static IndicatorType infer(String text) {
        if (text == null || text.isBlank()) {
            throw new IndicatorFormatException("value is empty");
        }
        String value = text.strip();
        if (value.contains("://")) {
            return URL;
        }
        if (value.indexOf('@') >= 0) {
            return EMAIL;
        }
        int hexDigits = 0;
        boolean digitsAndDots = true;
        boolean hostChars = true;
        boolean colon = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 0x80) {
                hexDigits++;
            }
            digitsAndDots &= (c >= '0' && c <= '9') || c == '.';
            hostChars &= IndicatorSyntax.isHostChar(c) || c >= 0x80;
            colon |= c == ':';
        }
        if (hexDigits == value.length() && !colon) {
            switch (value.length()) {
                case 32 -> {
                    return MD5;
                }
                case 40 -> {
                    return SHA1;
                }
                case 64 -> {
                    return SHA256;
                }
                default -> {
                    if (value.length() > 12) {
                        throw new IndicatorFormatException("cannot tell the type of " + IndicatorSyntax.quote(value)
                                + ": " + value.length() + " hex digits is not the length of an md5 (32), sha1 (40) "
                                + "or sha256 (64)");
                    }
                }
            }
        }
        int slash = value.indexOf('/');
        if (slash > 0) {
            String address = value.substring(0, slash);
            if (address.indexOf(':') >= 0 || address.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
                return CIDR;
            }
        }
        if (digitsAndDots && value.indexOf('.') >= 0) {
            return IPV4;
        }
        if (colon) {
            return IPV6;
        }
        if (hostChars && value.indexOf('.') > 0) {
            return DOMAIN;
        }
        throw new IndicatorFormatException("cannot tell the type of " + IndicatorSyntax.quote(value)
                + ": it is not an IP address, network, hash, e-mail address, URL or domain");
    }
}
