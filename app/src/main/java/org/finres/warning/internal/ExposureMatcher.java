package org.finres.warning.internal;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.finres.warning.ExposureCriteria;
import org.finres.warning.ExposureItem;
import org.finres.warning.ExposureKind;

/**
 * Whether a member's declared exposure matches a warning's criteria, and why: each match is said as
 * "product Fortinet FortiGate 7.2.5 (fortinet fortigate)" so that the hub and the member see what put the member
 * on the list.
 */
public final class ExposureMatcher {

    private ExposureMatcher() {
    }

    public static List<String> reasons(ExposureCriteria criteria, List<ExposureItem> declared) {
        List<String> out = new ArrayList<>();
        for (ExposureItem item : declared) {
            matchOf(criteria, item).ifPresent(c -> out.add(item.kind().code() + " " + item.value()
                    + (c.equalsIgnoreCase(item.value()) ? "" : " (" + c + ")")));
        }
        return out;
    }

    private static Optional<String> matchOf(ExposureCriteria criteria, ExposureItem item) {
        return switch (item.kind()) {
            case PRODUCT -> criteria.products().stream().filter(c -> wordPrefix(words(item.value()), words(c))).findFirst();
            case SUPPLIER -> criteria.suppliers().stream().filter(c -> words(c).equals(words(item.value()))).findFirst();
            case ADDRESS_RANGE -> {
                Optional<AddressRange> declared = AddressRange.parse(item.value());
                yield declared.isEmpty() ? Optional.empty() : criteria.ranges().stream()
                        .filter(c -> AddressRange.parse(c).map(r -> r.overlaps(declared.get())).orElse(false))
                        .findFirst();
            }
            case DOMAIN -> criteria.domains().stream().filter(c -> sameOrBelow(domain(item.value()), domain(c))
                    || sameOrBelow(domain(c), domain(item.value()))).findFirst();
        };
    }

    /** "fortinet fortigate" is a prefix of "fortinet fortigate 7.2.5" on whole words, not of "fortinet fortigatex". */
    private static boolean wordPrefix(String declared, String criterion) {
        return !criterion.isEmpty() && (declared.equals(criterion) || declared.startsWith(criterion + " "));
    }

    static String words(String s) {
        return String.join(" ", s.toLowerCase(Locale.ROOT).strip().split("[\\s_]+"));
    }

    private static String domain(String s) {
        String d = s.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return d;
        }
    }

    private static boolean sameOrBelow(String child, String parent) {
        return !parent.isEmpty() && (child.equals(parent) || child.endsWith("." + parent));
    }

    /** Checks a declared value for its kind; null when it is fine, else what is wrong. */
    public static String problem(ExposureKind kind, String value) {
        if (value == null || value.isBlank()) {
            return "is empty";
        }
        if (value.length() > 300) {
            return "is longer than 300 characters";
        }
        return switch (kind) {
            case PRODUCT, SUPPLIER -> null;
            case ADDRESS_RANGE -> AddressRange.isRange(value) ? null : "is not an IPv4 or IPv6 address or CIDR range";
            case DOMAIN -> domain(value).matches("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}")
                    ? null : "is not a domain name";
        };
    }
}
