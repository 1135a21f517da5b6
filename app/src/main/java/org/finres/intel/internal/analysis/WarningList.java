package org.finres.intel.internal.analysis;

import org.finres.stix.net.IpNetwork;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

        /** An address (a network of full length) or a network with its host bits zero. */
        record Network(IpNetwork network, String text) implements Entry {
            public Network {
                if (!network.hostBitsZero()) {
                    throw new IllegalArgumentException("network '" + text + "' has host bits set");
                }
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
    public Optional<Entry> match(String type, String value) {
        if (type.equals("domain")) {
            String d = value.toLowerCase(Locale.ROOT);
            return entries.stream().filter(e -> e instanceof Entry.Domain dom && dom.covers(d)).findFirst();
        }
        Optional<IpNetwork> network = switch (type) {
            case "ipv4", "ipv6" -> Optional.ofNullable(IpNetwork.parseAddress(value)).map(IpNetwork::of);
            case "cidr" -> value.indexOf('/') < 0 ? Optional.empty() : IpNetwork.parse(value);
            // URLs, hashes and e-mail addresses are specific enough to be malicious whatever their host.
            default -> Optional.empty();
        };
        return network.flatMap(inner -> entries.stream()
                .filter(e -> e instanceof Entry.Network n && n.network().contains(inner)).findFirst());
    }
}
