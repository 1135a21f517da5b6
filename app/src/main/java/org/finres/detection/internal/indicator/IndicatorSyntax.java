package org.finres.detection.internal.indicator;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Normalisation of indicator text per type, shared by indicator parsing (strict: a precise message for every
 * defect) and observable matching (lenient: {@code null} instead of an exception, since most observables are not
 * what a given normaliser expects and exceptions cost a stack trace).
 */
final class IndicatorSyntax {

    static final int MAX_DOMAIN = 253;
    static final int MAX_LABEL = 63;
    static final int MAX_EMAIL = 254;
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_URL = 4096;
    /** Networks broader than this would turn nearly every event into a sighting; refused as a safety limit. */
    static final int MIN_IPV4_PREFIX = 8;
    static final int MIN_IPV6_PREFIX = 16;

    private static final int QUOTE_LIMIT = 80;

    /** A type and normalised value that has not been through {@link IndicatorValue}'s check, to avoid recursion. */
    record Normalised(IndicatorType type, String value) {
    }

    static Normalised normalise(IndicatorType type, String text) {
        if (text == null) {
            throw new IndicatorFormatException(type.code() + " value is missing");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IndicatorFormatException(type.code() + " value is empty");
        }
        return switch (type) {
            case IPV4 -> value.indexOf('/') >= 0 ? network(value) : new Normalised(IndicatorType.IPV4, ipv4(value));
            case IPV6 -> value.indexOf('/') >= 0 ? network(value) : ipv6(value);
            case CIDR -> network(value);
            case DOMAIN -> new Normalised(type, domain(value, 2, true, ""));
            case URL -> new Normalised(type, url(value, true, null));
            case MD5 -> new Normalised(type, digest(type, value, 32));
            case SHA1 -> new Normalised(type, digest(type, value, 40));
            case SHA256 -> new Normalised(type, digest(type, value, 64));
            case EMAIL -> new Normalised(type, email(value));
        };
    }

    /** {@code ip} names the family; the value says which member (a {@code /} makes it a network). */
    static IndicatorType resolveIpFamily(String text) {
        String value = text == null ? "" : text.strip();
        return value.indexOf('/') >= 0 ? IndicatorType.CIDR
                : value.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4;
    }

    private static String ipv4(String value) {
        long address = AddressSyntax.ipv4(value, 0, value.length(), false);
        if (address == AddressSyntax.NOT_IPV4) {
            throw new IndicatorFormatException(quote(value) + " is not an IPv4 address: "
                    + AddressSyntax.ipv4Problem(value));
        }
        return AddressSyntax.ipv4Text(address);
    }

    private static Normalised ipv6(String text) {
        String value = unbracket(text);
        if (value.indexOf('%') >= 0) {
            throw new IndicatorFormatException(quote(text) + " has a zone id (%...), which an ipv6 indicator must not");
        }
        long[] address = new long[2];
        if (!AddressSyntax.ipv6(value, 0, value.length(), address)) {
            throw new IndicatorFormatException(quote(text) + " is not an IPv6 address: " + ipv6Problem(value));
        }
        if (AddressSyntax.isIpv4Mapped(address[0], address[1])) {
            // One canonical form per address, so that the store and the index see a mapped address once, as IPv4.
            return new Normalised(IndicatorType.IPV4, AddressSyntax.ipv4Text(address[1] & 0xffffffffL));
        }
        return new Normalised(IndicatorType.IPV6, AddressSyntax.ipv6Text(address[0], address[1]));
    }

    private static String unbracket(String value) {
        return value.length() > 2 && value.charAt(0) == '[' && value.charAt(value.length() - 1) == ']'
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String ipv6Problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (AddressSyntax.hexValue(c) < 0 && c != ':' && c != '.') {
                return quote(String.valueOf(c)) + " is neither a hex digit nor ':'";
            }
        }
        if (value.indexOf("::") != value.lastIndexOf("::")) {
            return "'::' appears more than once";
        }
        if (value.contains(":::")) {
            return "it has ':::'";
        }
        String[] groups = value.split(":", -1);
        for (String group : groups) {
            if (group.length() > 4 && group.indexOf('.') < 0) {
                return "group " + quote(group) + " has more than 4 hex digits";
            }
        }
        if (value.indexOf('.') >= 0) {
            return "the dotted quad must be a valid IPv4 address at the end";
        }
        if (!value.contains("::") && groups.length != 8) {
            return "it has " + groups.length + " groups, not 8";
        }
        return value.startsWith(":") || value.endsWith(":") ? "a single ':' at either end" : "too many groups";
    }

    private static Normalised network(String value) {
        int slash = value.indexOf('/');
        if (slash != value.lastIndexOf('/')) {
            throw new IndicatorFormatException(quote(value) + " has more than one '/'");
        }
        if (slash < 0) {
            throw new IndicatorFormatException(quote(value) + " has no prefix length; a cidr is network/length");
        }
        String lengthText = value.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IndicatorFormatException("prefix length " + quote(lengthText) + " of " + quote(value)
                    + " is not a number");
        }
        int prefix = Integer.parseInt(lengthText);
        String address = value.substring(0, slash);
        if (address.indexOf(':') < 0) {
            long network = AddressSyntax.ipv4(address, 0, address.length(), false);
            if (network == AddressSyntax.NOT_IPV4) {
                throw new IndicatorFormatException(quote(address) + " is not an IPv4 address: "
                        + AddressSyntax.ipv4Problem(address));
            }
            return ipv4Network(value, network, prefix);
        }
        String unbracketed = unbracket(address);
        long[] bits = new long[2];
        if (unbracketed.indexOf('%') >= 0 || !AddressSyntax.ipv6(unbracketed, 0, unbracketed.length(), bits)) {
            throw new IndicatorFormatException(quote(address) + " is not an IPv6 address: "
                    + (unbracketed.indexOf('%') >= 0 ? "it has a zone id" : ipv6Problem(unbracketed)));
        }
        if (prefix > 128) {
            throw new IndicatorFormatException("prefix length " + prefix + " is above 128 for IPv6");
        }
        if (AddressSyntax.isIpv4Mapped(bits[0], bits[1]) && prefix >= 96) {
            return ipv4Network(value, bits[1] & 0xffffffffL, prefix - 96);
        }
        long hiMask = AddressSyntax.ipv6HighMask(prefix);
        long loMask = AddressSyntax.ipv6LowMask(prefix);
        if ((bits[0] & ~hiMask) != 0 || (bits[1] & ~loMask) != 0) {
            throw new IndicatorFormatException(quote(value) + " has host bits set; the network is "
                    + AddressSyntax.ipv6Text(bits[0] & hiMask, bits[1] & loMask) + "/" + prefix);
        }
        if (prefix < MIN_IPV6_PREFIX) {
            throw new IndicatorFormatException("network /" + prefix + " is broader than /" + MIN_IPV6_PREFIX
                    + ", the broadest IPv6 network an indicator may be");
        }
        if (prefix == 128) {
            return new Normalised(IndicatorType.IPV6, AddressSyntax.ipv6Text(bits[0], bits[1]));
        }
        return new Normalised(IndicatorType.CIDR, AddressSyntax.ipv6Text(bits[0], bits[1]) + "/" + prefix);
    }

    private static Normalised ipv4Network(String value, long network, int prefix) {
        if (prefix > 32) {
            throw new IndicatorFormatException("prefix length " + prefix + " is above 32 for IPv4");
        }
        long mask = AddressSyntax.ipv4Mask(prefix);
        // Refused rather than masked: "10.0.0.1/8" more likely means a host than the whole of 10/8.
        if ((network & ~mask) != 0) {
            throw new IndicatorFormatException(quote(value) + " has host bits set; the network is "
                    + AddressSyntax.ipv4Text(network & mask) + "/" + prefix);
        }
        if (prefix < MIN_IPV4_PREFIX) {
            throw new IndicatorFormatException("network /" + prefix + " is broader than /" + MIN_IPV4_PREFIX
                    + ", the broadest IPv4 network an indicator may be");
        }
        if (prefix == 32) {
            return new Normalised(IndicatorType.IPV4, AddressSyntax.ipv4Text(network));
        }
        return new Normalised(IndicatorType.CIDR, AddressSyntax.ipv4Text(network) + "/" + prefix);
    }

    private static String digest(IndicatorType type, String value, int hexDigits) {
        if (value.length() != hexDigits) {
            throw new IndicatorFormatException(type.code() + " must be " + hexDigits + " hex digits, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (AddressSyntax.hexValue(value.charAt(i)) < 0) {
                throw new IndicatorFormatException(type.code() + " must be " + hexDigits + " hex digits; "
                        + quote(String.valueOf(value.charAt(i))) + " at position " + (i + 1) + " is not one");
            }
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * A host name in canonical form: IDN labels to punycode (java.net.IDN, IDNA 2003), lower case, one trailing dot
     * dropped, each label 1-63 of {@code a-z 0-9 - _} (underscore because real names such as {@code _dmarc} carry
     * it) not starting or ending with {@code -}, at most 253 characters, a top-level label not all digits.
     *
     * @param minLabels 2 for domain indicators (a bare {@code com} would match half the internet), 1 for URL hosts
     * @param context   prefix for messages, e.g. "URL host: "
     * @return the canonical name, or null when not strict and the text is no host name
     */
    static String domain(String text, int minLabels, boolean strict, String context) {
        String name = text.length() > 1 && text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.equals(".")) {
            return strict ? fail(context + "domain is empty") : null;
        }
        if (!isAscii(name)) {
            try {
                name = IDN.toASCII(name);
            } catch (IllegalArgumentException e) {
                return strict ? fail(context + quote(text) + " is not a valid internationalised domain name: "
                        + e.getMessage()) : null;
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_DOMAIN) {
            return strict ? fail(context + "domain is " + name.length() + " characters long, more than "
                    + MAX_DOMAIN) : null;
        }
        int labels = 0;
        int start = 0;
        boolean allDigits = true;
        boolean allLabelsDigits = true;
        for (int i = 0; i <= name.length(); i++) {
            char c = i == name.length() ? '.' : name.charAt(i);
            if (c == '.') {
                int length = i - start;
                if (length == 0) {
                    return strict ? fail(context + quote(text) + " has an empty label") : null;
                }
                if (length > MAX_LABEL) {
                    return strict ? fail(context + "label " + quote(name.substring(start, i)) + " is " + length
                            + " characters long, more than " + MAX_LABEL) : null;
                }
                if (name.charAt(start) == '-' || name.charAt(i - 1) == '-') {
                    return strict ? fail(context + "label " + quote(name.substring(start, i))
                            + " starts or ends with '-'") : null;
                }
                labels++;
                allLabelsDigits &= allDigits;
                if (i == name.length() && allDigits) {
                    if (!strict) {
                        return null;
                    }
                    if (allLabelsDigits) {
                        fail(context + quote(text) + " is not an IPv4 address: " + AddressSyntax.ipv4Problem(text));
                    }
                    fail(context + "top-level label " + quote(name.substring(start, i)) + " is all digits");
                }
                start = i + 1;
                allDigits = true;
            } else if (!isHostChar(c)) {
                return strict ? fail(context + "character " + quote(String.valueOf(c)) + " is not allowed in a "
                        + "domain") : null;
            } else {
                allDigits &= c >= '0' && c <= '9';
            }
        }
        if (labels < minLabels) {
            return strict ? fail(context + "a domain indicator needs at least " + minLabels + " labels; "
                    + quote(name) + " has " + labels) : null;
        }
        return name;
    }

    private static String email(String value) {
        if (value.length() > MAX_EMAIL) {
            throw new IndicatorFormatException("email address is " + value.length() + " characters long, more than "
                    + MAX_EMAIL);
        }
        int at = value.lastIndexOf('@');
        if (at < 0) {
            throw new IndicatorFormatException(quote(value) + " has no '@' between local part and domain");
        }
        if (value.indexOf('@') != at) {
            throw new IndicatorFormatException(quote(value) + " has more than one '@' (quoted local parts are not "
                    + "supported)");
        }
        String local = value.substring(0, at);
        String problem = localPartProblem(local);
        if (problem != null) {
            throw new IndicatorFormatException("email local part " + quote(local) + " " + problem);
        }
        return local.toLowerCase(Locale.ROOT) + "@" + domain(value.substring(at + 1), 2, true, "email domain: ");
    }

    /** Dot-atom local parts (RFC 5322 section 3.2.3) in ASCII; null when acceptable. */
    static String localPartProblem(String local) {
        if (local.isEmpty()) {
            return "is empty";
        }
        if (local.length() > MAX_LOCAL_PART) {
            return "is " + local.length() + " characters long, more than " + MAX_LOCAL_PART;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "has a leading, trailing or doubled '.'";
        }
        for (int i = 0; i < local.length(); i++) {
            if (!isLocalPartChar(local.charAt(i))) {
                return "has character " + quote(String.valueOf(local.charAt(i))) + ", which is not allowed";
            }
        }
        return null;
    }

    static boolean isLocalPartChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    /**
     * A URL in canonical form: {@code scheme://host[:port]path[?query]} with the scheme and host lower-cased (host
     * through {@link #domain} or the canonical IP text), user information, the default port and the fragment
     * dropped, an empty path made {@code /}, percent-escapes' hex digits upper-cased and non-ASCII characters
     * percent-encoded as UTF-8; the path and query otherwise keep their case and bytes.
     *
     * @param hostBounds if not null, receives where the host lies in the result ({@code [start, end)})
     * @return the canonical URL, or null when not strict and the text is no URL
     */
    static String url(String value, boolean strict, int[] hostBounds) {
        if (value.length() > MAX_URL) {
            return strict ? fail("URL is " + value.length() + " characters long, more than " + MAX_URL) : null;
        }
        int separator = value.indexOf("://");
        if (separator <= 0) {
            return strict ? fail(quote(value) + " has no scheme and '://', as in http://host/path") : null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return strict ? fail("URL has a space or control character at position " + (i + 1)) : null;
            }
        }
        for (int i = 0; i < separator; i++) {
            char c = value.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return strict ? fail("URL scheme " + quote(value.substring(0, separator)) + " is not valid") : null;
            }
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        int authorityStart = separator + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < value.length() && "/?#".indexOf(value.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int hostStart = value.lastIndexOf('@', authorityEnd - 1) + 1;
        if (hostStart < authorityStart) {
            hostStart = authorityStart; // no user information
        }
        if (hostStart == authorityEnd) {
            return strict ? fail(quote(value) + " has no host") : null;
        }
        String host;
        int portStart;
        if (value.charAt(hostStart) == '[') {
            int close = value.indexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd) {
                return strict ? fail("URL's IPv6 host has no closing ']'") : null;
            }
            String literal = value.substring(hostStart + 1, close);
            int zone = literal.indexOf('%');
            if (zone >= 0 && !strict) {
                literal = literal.substring(0, zone);
            }
            long[] bits = new long[2];
            if (!AddressSyntax.ipv6(literal, 0, literal.length(), bits)) {
                return strict ? fail("URL host: " + quote(literal) + " is not an IPv6 address") : null;
            }
            host = AddressSyntax.isIpv4Mapped(bits[0], bits[1]) ? AddressSyntax.ipv4Text(bits[1] & 0xffffffffL)
                    : "[" + AddressSyntax.ipv6Text(bits[0], bits[1]) + "]";
            if (close + 1 < authorityEnd && value.charAt(close + 1) != ':') {
                return strict ? fail("URL has " + quote(value.substring(close + 1, authorityEnd))
                        + " after its IPv6 host") : null;
            }
            portStart = close + 1 < authorityEnd ? close + 2 : -1;
        } else {
            int colon = value.lastIndexOf(':', authorityEnd - 1);
            int hostEnd = colon >= hostStart ? colon : authorityEnd;
            portStart = colon >= hostStart ? colon + 1 : -1;
            String name = value.substring(hostStart, hostEnd);
            if (!name.isEmpty() && name.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
                long address = AddressSyntax.ipv4(name, 0, name.length(), !strict);
                if (address == AddressSyntax.NOT_IPV4) {
                    return strict ? fail("URL host: " + quote(name) + " is not an IPv4 address: "
                            + AddressSyntax.ipv4Problem(name)) : null;
                }
                host = AddressSyntax.ipv4Text(address);
            } else {
                host = domain(name, 1, strict, "URL host: ");
                if (host == null) {
                    return null;
                }
            }
        }
        int port = -1;
        if (portStart >= 0 && portStart < authorityEnd) {
            String digits = value.substring(portStart, authorityEnd);
            if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(digits) > 65535) {
                return strict ? fail("URL port " + quote(digits) + " is not a number from 0 to 65535") : null;
            }
            port = Integer.parseInt(digits);
        }
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        int fragment = value.indexOf('#', authorityEnd);
        int restEnd = fragment < 0 ? value.length() : fragment;
        StringBuilder url = new StringBuilder(value.length() + 8);
        url.append(scheme).append("://");
        int hostAt = url.length();
        url.append(host);
        if (hostBounds != null) {
            hostBounds[0] = hostAt;
            hostBounds[1] = url.length();
        }
        if (port >= 0) {
            url.append(':').append(port);
        }
        if (authorityEnd == restEnd || value.charAt(authorityEnd) == '?') {
            url.append('/');
        }
        for (int i = authorityEnd; i < restEnd; i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < restEnd && AddressSyntax.hexValue(value.charAt(i + 1)) >= 0
                    && AddressSyntax.hexValue(value.charAt(i + 2)) >= 0) {
                url.append('%').append(Character.toUpperCase(value.charAt(i + 1)))
                        .append(Character.toUpperCase(value.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                url.append(c);
            } else {
                int codePoint = value.codePointAt(i);
                i += Character.charCount(codePoint) - 1;
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    url.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        }
        return url.toString();
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            case "ftp" -> 21;
            default -> -2; // no default: never equal to a parsed port or to "no port"
        };
    }

    static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.';
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The text in quotes for a message: shortened, and control characters escaped so a message is one safe line. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("'");
        int limit = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (text.length() > limit) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }

    private static String fail(String message) {
        throw new IndicatorFormatException(message);
    }

    private IndicatorSyntax() {
    }
}
