package org.finres.intel.internal.analysis;

import java.util.List;
import java.util.Locale;

/**
 * A named list of values known to be benign (public resolvers, private ranges, CDN ranges, top domains): an
 * indicator whose value is on one would alert on ordinary traffic, so it is not fed to detection.
 */
public record WarningList(String name, String title, List<Entry> entries) {

    public WarningList {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a warning list name is 1-64 of a-z 0-9 - (was '" + name + "')");
        }
        title = title == null || title.isBlank() ? name : title.strip();
        entries = List.copyOf(entries);
    }

    /** One listed value. */
    public sealed interface Entry {
        /** The value as the list and the API show it. */
        String text();

        /** An address ({@code prefix} = full length) or network; {@code address} is 4 or 16 bytes, host bits zero. */
        record Network(byte[] address, int prefix, String text) implements Entry {
            public Network {
                address = address.clone();
            }

            boolean contains(byte[] other, int otherPrefix) {
                if (other.length != address.length || otherPrefix < prefix) {
                    return false;
                }
                return IpText.samePrefix(address, other, prefix);
            }
        }

        /** A domain and everything under it. */
        record Domain(String name) implements Entry {
            public Domain {
                name = name.toLowerCase(Locale.ROOT);
            }

            @Override
            public String text() {
                return name;
            }

            boolean covers(String domain) {
                return domain.equals(name) || domain.endsWith("." + name);
            }
        }
    }

    /** The entry that covers the canonical value of the detection type, if any. */
    public java.util.Optional<Entry> match(String type, String value) {
        byte[] address;
        int prefix;
        switch (type) {
            case "ipv4", "ipv6" -> {
                address = IpText.parse(value);
                if (address == null) return java.util.Optional.empty();
                prefix = address.length * 8;
            }
            case "cidr" -> {
                int slash = value.indexOf('/');
                address = slash < 0 ? null : IpText.parse(value.substring(0, slash));
                if (address == null) return java.util.Optional.empty();
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                }
            }
            case "domain" -> {
                String d = value.toLowerCase(Locale.ROOT);
                return entries.stream().filter(e -> e instanceof Entry.Domain dom && dom.covers(d)).findFirst();
            }
            default -> {
                // URLs, hashes and e-mail addresses are specific enough to be malicious whatever their host.
                return java.util.Optional.empty();
            }
        }
        byte[] a = address;
        int p = prefix;
        return entries.stream().filter(e -> e instanceof Entry.Network n && n.contains(a, p)).findFirst();
    }
}
