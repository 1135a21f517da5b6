package org.finres.detection.internal.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against a naive reference on generated data: indicators from small universes (so that networks nest,
 * domains are parents of one another and values repeat), observables rendered in the many text forms events use
 * (compressed or padded IPv6, mapped IPv4, ports, mixed case, trailing dots, default ports, fragments). The reference
 * works from the generated numbers and names, never from the text, by scanning every indicator.
 */
class IndicatorIndexRandomizedTests {

    private record Network(long hi, long lo, int prefix, boolean v4) {
    }

    private final List<Indicator> indicators = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private Random random;
    private long nextId;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void indexAgreesWithANaiveScanOfEveryIndicator(long seed) {
        random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            addIndicator();
        }
        IndicatorIndex index = IndicatorIndex.of(indicators);
        assertThat(index.size()).isEqualTo(indicators.size());
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            Observable observable = observable();
            List<String> expected = reference(observable);
            List<String> actual = index.match(observable.text()).stream()
                    .map(h -> h.indicatorId() + " " + h.type().code() + " " + h.indicatorValue()).sorted().toList();
            assertThat(actual).as("observable %s", observable.text()).isEqualTo(expected);
            hits += actual.isEmpty() ? 0 : 1;
        }
        assertThat(hits).as("the data must make hits common enough to test").isGreaterThan(1000);
    }

    // ---- indicators

    private void addIndicator() {
        long id = nextId++;
        if (random.nextInt(10) == 0 && !indicators.isEmpty()) {
            Indicator same = indicators.get(random.nextInt(indicators.size()));
            indicators.add(new Indicator(same.type(), same.value(), id));
            if (same.type() == IndicatorType.CIDR) {
                networks.add(networks.get(networkOf(same)));
            }
            return;
        }
        switch (random.nextInt(9)) {
            case 0 -> indicators.add(Indicator.parse("ipv4", AddressSyntax.ipv4Text(ipv4()), id));
            case 1 -> indicators.add(Indicator.parse("ipv6", AddressSyntax.ipv6Text(ipv6High(), ipv6Low()), id));
            case 2 -> {
                boolean v4 = random.nextBoolean();
                int prefix = v4 ? 8 + random.nextInt(24) : 16 + random.nextInt(112);
                Network network;
                String text;
                if (v4) {
                    long network4 = ipv4() & AddressSyntax.ipv4Mask(prefix);
                    network = new Network(0, network4, prefix, true);
                    text = AddressSyntax.ipv4Text(network4) + "/" + prefix;
                } else {
                    long hi = ipv6High() & AddressSyntax.ipv6HighMask(prefix);
                    long lo = ipv6Low() & AddressSyntax.ipv6LowMask(prefix);
                    network = new Network(hi, lo, prefix, false);
                    text = AddressSyntax.ipv6Text(hi, lo) + "/" + prefix;
                }
                Indicator indicator = Indicator.parse("cidr", text, id);
                if (indicator.type() == IndicatorType.CIDR) {
                    indicators.add(indicator);
                    networks.add(network);
                }
            }
            case 3 -> indicators.add(Indicator.parse("domain", domain(2 + random.nextInt(2)), id));
            case 4 -> indicators.add(Indicator.parse("url", "http://" + domain(2 + random.nextInt(2)) + path(), id));
            case 5 -> indicators.add(Indicator.parse("email", local() + "@" + domain(2), id));
            case 6 -> indicators.add(Indicator.parse("md5", hex(32), id));
            case 7 -> indicators.add(Indicator.parse("sha1", hex(40), id));
            default -> indicators.add(Indicator.parse("sha256", hex(64), id));
        }
    }

    private int networkOf(Indicator indicator) {
        int n = 0;
        for (Indicator each : indicators) {
            if (each.type() == IndicatorType.CIDR) {
                if (each == indicator) {
                    return n;
                }
                n++;
            }
        }
        throw new IllegalStateException();
    }

    /** Addresses from 10.0.0.0/20 and 250.0.0.0/24 (above 2^31, where signed order would go wrong). */
    private long ipv4() {
        return random.nextBoolean() ? 0x0a000000L | random.nextInt(1 << 12) : 0xfa000000L | random.nextInt(256);
    }

    private long ipv6High() {
        return 0x20010db800000000L | random.nextInt(4);
    }

    private long ipv6Low() {
        return random.nextInt(3) == 0 ? 0 : (long) random.nextInt(64) << (16 * random.nextInt(4));
    }

    private static final String[] LABELS = {"evil", "c2", "a", "www", "cdn", "mail", "x-1", "bank"};
    private static final String[] TLDS = {"example", "test", "invalid"};

    private String domain(int labels) {
        StringBuilder name = new StringBuilder(TLDS[random.nextInt(TLDS.length)]);
        for (int i = 1; i < labels; i++) {
            name.insert(0, LABELS[random.nextInt(LABELS.length)] + ".");
        }
        return name.toString();
    }

    private String path() {
        return switch (random.nextInt(4)) {
            case 0 -> "/";
            case 1 -> "/Login";
            case 2 -> "/a/b?q=" + random.nextInt(3);
            default -> "/payload.bin";
        };
    }

    private String local() {
        return new String[]{"ceo", "it.support", "a+b"}[random.nextInt(3)];
    }

    private String hex(int digits) {
        // A small universe, so hashes repeat and some share their first 64 bits.
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            hex.append(i < digits - 2 && i % 16 != 15 ? '0' : "0123456789abcdef".charAt(random.nextInt(4)));
        }
        return hex.toString();
    }

    // ---- observables

    private sealed interface Subject {
        record Ipv4(long address) implements Subject {
        }

        record Ipv6(long hi, long lo) implements Subject {
        }

        record Host(String name) implements Subject {
        }

        record Url(String canonical, String host) implements Subject {
        }

        record Email(String canonical, String domain) implements Subject {
        }

        record Digest(String canonical) implements Subject {
        }

        record Nothing() implements Subject {
        }
    }

    private record Observable(String text, Subject subject) {
    }

    private Observable observable() {
        return switch (random.nextInt(7)) {
            case 0 -> {
                long address = ipv4();
                yield new Observable(ipv4Text(address), new Subject.Ipv4(address));
            }
            case 1 -> {
                long hi = ipv6High();
                long lo = ipv6Low();
                yield new Observable(ipv6Text(hi, lo), new Subject.Ipv6(hi, lo));
            }
            case 2 -> {
                String name = domain(1 + random.nextInt(4));
                yield new Observable(mixCase(name) + (random.nextInt(5) == 0 ? "." : ""), new Subject.Host(name));
            }
            case 3 -> {
                String host = domain(2 + random.nextInt(2));
                String path = path();
                String text = (random.nextBoolean() ? "HTTP" : "http") + "://" + mixCase(host)
                        + (random.nextInt(4) == 0 ? ":80" : "") + path + (random.nextInt(4) == 0 ? "#frag" : "");
                yield new Observable(text, new Subject.Url("http://" + host + path, host));
            }
            case 4 -> {
                String domain = domain(2 + random.nextInt(2));
                String address = local() + "@" + domain;
                yield new Observable(mixCase(address), new Subject.Email(address, domain));
            }
            case 5 -> {
                String hex = hex(new int[]{32, 40, 64}[random.nextInt(3)]);
                yield new Observable(random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex,
                        new Subject.Digest(hex));
            }
            default -> new Observable(new String[]{"svchost.exe", "C:\\evil.example", "user", "", "-", "10.0.0",
                    "2001:db8::1::2", "http//evil.example"}[random.nextInt(8)], new Subject.Nothing());
        };
    }

    private String ipv4Text(long address) {
        String text = AddressSyntax.ipv4Text(address);
        return switch (random.nextInt(5)) {
            case 0 -> "::ffff:" + text;
            case 1 -> text + ":" + random.nextInt(65536);
            case 2 -> String.format("%03d.%03d.%03d.%03d", address >>> 24, (address >>> 16) & 0xff,
                    (address >>> 8) & 0xff, address & 0xff);
            default -> text;
        };
    }

    private String ipv6Text(long hi, long lo) {
        int[] groups = new int[8];
        for (int g = 0; g < 4; g++) {
            groups[g] = (int) (hi >>> (48 - 16 * g)) & 0xffff;
            groups[g + 4] = (int) (lo >>> (48 - 16 * g)) & 0xffff;
        }
        String text = switch (random.nextInt(4)) {
            case 0 -> {
                StringBuilder full = new StringBuilder();
                for (int g = 0; g < 8; g++) {
                    full.append(g == 0 ? "" : ":").append(String.format("%04X", groups[g]));
                }
                yield full.toString();
            }
            case 1 -> {
                // Compress some zero run, not necessarily the longest.
                List<int[]> runs = new ArrayList<>();
                for (int g = 0; g < 8; g++) {
                    if (groups[g] == 0) {
                        int start = g;
                        while (g < 8 && groups[g] == 0) {
                            g++;
                        }
                        runs.add(new int[]{start, g});
                    }
                }
                int[] run = runs.isEmpty() ? null : runs.get(random.nextInt(runs.size()));
                StringBuilder text6 = new StringBuilder();
                for (int g = 0; g < 8; g++) {
                    if (run != null && g == run[0]) {
                        text6.append("::");
                        g = run[1] - 1;
                        continue;
                    }
                    if (!text6.isEmpty() && text6.charAt(text6.length() - 1) != ':') {
                        text6.append(':');
                    }
                    text6.append(Integer.toHexString(groups[g]));
                }
                yield text6.toString();
            }
            default -> AddressSyntax.ipv6Text(hi, lo);
        };
        return random.nextInt(4) == 0 ? "[" + text + "]:443" : text;
    }

    private String mixCase(String text) {
        StringBuilder mixed = new StringBuilder();
        for (char c : text.toCharArray()) {
            mixed.append(random.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }

    // ---- the reference

    private List<String> reference(Observable observable) {
        List<String> hits = new ArrayList<>();
        switch (observable.subject()) {
            case Subject.Ipv4 ip -> ipv4Reference(ip.address(), hits);
            case Subject.Ipv6 ip -> {
                String text = AddressSyntax.ipv6Text(ip.hi(), ip.lo());
                equal(IndicatorType.IPV6, text, hits);
                networkReference(ip.hi(), ip.lo(), false, hits);
            }
            case Subject.Host host -> hostReference(host.name(), hits);
            case Subject.Url url -> {
                equal(IndicatorType.URL, url.canonical(), hits);
                hostReference(url.host(), hits);
            }
            case Subject.Email email -> {
                equal(IndicatorType.EMAIL, email.canonical(), hits);
                hostReference(email.domain(), hits);
            }
            case Subject.Digest digest -> {
                IndicatorType type = switch (digest.canonical().length()) {
                    case 32 -> IndicatorType.MD5;
                    case 40 -> IndicatorType.SHA1;
                    default -> IndicatorType.SHA256;
                };
                equal(type, digest.canonical(), hits);
            }
            case Subject.Nothing nothing -> {
            }
        }
        return hits.stream().sorted().toList();
    }

    private void ipv4Reference(long address, List<String> hits) {
        equal(IndicatorType.IPV4, AddressSyntax.ipv4Text(address), hits);
        networkReference(0, address, true, hits);
        networkReference(0, 0xffff00000000L | address, false, hits);
    }

    private void networkReference(long hi, long lo, boolean v4, List<String> hits) {
        int n = 0;
        for (Indicator indicator : indicators) {
            if (indicator.type() != IndicatorType.CIDR) {
                continue;
            }
            Network network = networks.get(n++);
            boolean inside = network.v4() == v4 && (v4
                    ? (lo & AddressSyntax.ipv4Mask(network.prefix())) == network.lo()
                    : (hi & AddressSyntax.ipv6HighMask(network.prefix())) == network.hi()
                    && (lo & AddressSyntax.ipv6LowMask(network.prefix())) == network.lo());
            if (inside) {
                hits.add(indicator.id() + " cidr " + indicator.value());
            }
        }
    }

    private void hostReference(String name, List<String> hits) {
        for (Indicator indicator : indicators) {
            if (indicator.type() == IndicatorType.DOMAIN
                    && (name.equals(indicator.value()) || name.endsWith("." + indicator.value()))) {
                hits.add(indicator.id() + " domain " + indicator.value());
            }
        }
    }

    private void equal(IndicatorType type, String value, List<String> hits) {
        for (Indicator indicator : indicators) {
            if (indicator.type() == type && indicator.value().equals(value)) {
                hits.add(indicator.id() + " " + type.code() + " " + value);
            }
        }
    }
}
