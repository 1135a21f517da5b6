package org.finres.detection.internal.indicator;

import java.net.IDN;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable index of indicators that matches any observable from an event: an IP address, a host name, a URL, a
 * file hash, an e-mail address or a string of unknown kind, told apart by its shape in one pass.
 *
 * <ul>
 *   <li>An IP address hits equal IP indicators and every network containing it; an IPv4-mapped IPv6 address is
 *       matched as its IPv4 address. {@code address:port} and {@code [v6]:port} are matched as the address.</li>
 *   <li>A host name hits a domain indicator equal to it or to any parent ({@code a.b.evil.example} hits
 *       {@code evil.example}, {@code notevil.example} does not).</li>
 *   <li>A URL hits URL indicators equal after normalisation, and its host is matched as above.</li>
 *   <li>An e-mail address hits e-mail indicators, and its domain is matched as a host name.</li>
 *   <li>A hash hits by value, in either case.</li>
 * </ul>
 * Keys are primitive: addresses as ints and longs, hashes as their bits, names as fingerprints with their bytes
 * packed in one array (compared on every probe, so there are no false hits). A miss of an IPv4 address, a hash, a host
 * name, an e-mail address or an already canonical URL allocates nothing; other URLs are normalised into a new string. Safe for any number of concurrent
 * readers: nothing changes after {@link Builder#build()}.
 */
public final class IndicatorIndex {

    /** Longer observables are not matched: no canonical indicator is longer than a URL. */
    static final int MAX_OBSERVABLE = IndicatorSyntax.MAX_URL + 256;

    private final Ipv4Addresses ipv4;
    private final Ipv6Addresses ipv6;
    private final Ipv4Networks ipv4Networks;
    private final Ipv6Networks ipv6Networks;
    /** Whether some IPv6 network holds IPv4-mapped addresses, so IPv4 observables must also be looked up there. */
    private final boolean ipv6NetworksHoldMapped;
    private final NameKeys domains;
    private final NameKeys urls;
    private final NameKeys emails;
    private final DigestKeys md5;
    private final DigestKeys sha1;
    private final DigestKeys sha256;
    private final Map<IndicatorType, Integer> counts;

    // What each ASCII character may be part of, so that telling an observable's shape costs one AND a character.
    private static final int HEX = 1;
    private static final int DIGIT_OR_DOT = 2;
    private static final int HOST_CHAR = 4;
    private static final int PUNCTUATION = 8; // ':', '@' and '/', which the shape scan must locate
    private static final byte[] SHAPES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean digit = c >= '0' && c <= '9';
            SHAPES[c] = (byte) ((digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ? HEX : 0)
                    | (digit || c == '.' ? DIGIT_OR_DOT : 0)
                    | (IndicatorSyntax.isHostChar(c) ? HOST_CHAR : 0)
                    | (c == ':' || c == '@' || c == '/' ? PUNCTUATION : 0));
        }
    }

    private IndicatorIndex(Builder builder) {
        ipv4 = Ipv4Addresses.build(builder.ipv4, builder.ipv4Ids);
        ipv6 = Ipv6Addresses.build(builder.ipv6, builder.ipv6Ids);
        ipv4Networks = Ipv4Networks.build(builder.ipv4Networks, builder.ipv4NetworkIds);
        ipv6Networks = Ipv6Networks.build(builder.ipv6Networks, builder.ipv6NetworkIds);
        ipv6NetworksHoldMapped = ipv6Networks.innermost(0, 0xffff_0000_0000L) >= 0;
        domains = NameKeys.build(builder.domains, builder.domainIds, true);
        urls = NameKeys.build(builder.urls, builder.urlIds, false);
        emails = NameKeys.build(builder.emails, builder.emailIds, true);
        md5 = DigestKeys.build(32, builder.md5, builder.md5Ids);
        sha1 = DigestKeys.build(40, builder.sha1, builder.sha1Ids);
        sha256 = DigestKeys.build(64, builder.sha256, builder.sha256Ids);
        counts = Map.copyOf(builder.counts);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static IndicatorIndex of(Iterable<Indicator> indicators) {
        return builder().addAll(indicators).build();
    }

    public static IndicatorIndex empty() {
        return builder().build();
    }

    /** Every hit of {@code observable}, or an empty list when there is none. */
    public List<IndicatorHit> match(String observable) {
        class Collector implements HitSink {
            List<IndicatorHit> list = List.of();

            @Override
            public void hit(IndicatorHit hit) {
                if (list.isEmpty()) {
                    list = new ArrayList<>(2);
                }
                list.add(hit);
            }
        }
        Collector collector = new Collector();
        match(observable, collector);
        return collector.list;
    }

    /** Passes every indicator {@code observable} hits to {@code sink}; a null or blank observable hits nothing. */
    public void match(String observable, HitSink sink) {
        if (observable == null) {
            return;
        }
        int from = 0;
        int to = observable.length();
        while (from < to && observable.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && observable.charAt(to - 1) <= ' ') {
            to--;
        }
        int length = to - from;
        if (length == 0 || length > MAX_OBSERVABLE) {
            return;
        }
        int shape = HEX | DIGIT_OR_DOT | HOST_CHAR;
        boolean nonAscii = false;
        int colons = 0;
        int at = -1;
        int scheme = -1;
        int slash = -1;
        for (int i = from; i < to; i++) {
            char c = observable.charAt(i);
            if (c >= 0x80) {
                nonAscii = true;
                shape &= HOST_CHAR; // perhaps an internationalised name; surely no number or hash
                continue;
            }
            int kind = SHAPES[c];
            shape &= kind;
            if ((kind & PUNCTUATION) != 0) {
                if (c == ':') {
                    if (colons++ == 0 && i + 2 < to && observable.charAt(i + 1) == '/'
                            && observable.charAt(i + 2) == '/') {
                        scheme = i;
                        break; // a URL: the rest is the URL parser's to read
                    }
                } else if (c == '@') {
                    at = i;
                } else if (slash < 0) {
                    slash = i;
                }
            }
        }
        boolean hex = (shape & HEX) != 0;
        boolean digitsAndDots = (shape & DIGIT_OR_DOT) != 0;
        boolean hostChars = (shape & HOST_CHAR) != 0;
        if (scheme > from) {
            matchUrl(observable, from, to, scheme, sink);
        } else if (at >= 0) {
            matchEmail(observable, from, to, sink);
        } else if (hex && (length == 32 || length == 40 || length == 64)) {
            matchDigest(observable, from, length, sink);
        } else if (digitsAndDots) {
            long address = AddressSyntax.ipv4(observable, from, to, true);
            if (address != AddressSyntax.NOT_IPV4) {
                matchIpv4(address, observable, sink);
            }
        } else if (colons > 0) {
            matchWithColons(observable, from, to, colons, sink);
        } else if (hostChars || nonAscii) {
            matchHost(observable, from, to, nonAscii, observable, sink);
        } else if (slash > from) {
            // "evil.example/login.php", as proxies log a request without its scheme: the host is still a host.
            matchHost(observable, from, slash, !IndicatorSyntax.isAscii(observable), observable, sink);
        }
    }

    private void matchWithColons(String s, int from, int to, int colons, HitSink sink) {
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || !(close + 1 == to || (s.charAt(close + 1) == ':' && isPort(s, close + 2, to)))) {
                return;
            }
            matchIpv6Text(s, from + 1, close, s, sink);
        } else if (colons == 1) {
            int colon = s.indexOf(':', from);
            if (!isPort(s, colon + 1, to)) {
                return;
            }
            long address = AddressSyntax.ipv4(s, from, colon, true);
            if (address != AddressSyntax.NOT_IPV4) {
                matchIpv4(address, s, sink);
            } else {
                matchHost(s, from, colon, !IndicatorSyntax.isAscii(s), s, sink);
            }
        } else {
            int zone = s.indexOf('%', from);
            matchIpv6Text(s, from, zone < 0 || zone > to ? to : zone, s, sink);
        }
    }

    private static boolean isPort(String s, int from, int to) {
        if (to - from < 1 || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void matchIpv6Text(String s, int from, int to, String observable, HitSink sink) {
        if (ipv6.keys() == 0 && ipv6Networks.isEmpty() && ipv4.keys() == 0 && ipv4Networks.keys() == 0) {
            return;
        }
        long[] bits = new long[2];
        if (!AddressSyntax.ipv6(s, from, to, bits)) {
            return;
        }
        if (AddressSyntax.isIpv4Mapped(bits[0], bits[1])) {
            matchIpv4(bits[1] & 0xffffffffL, observable, sink);
        } else {
            matchIpv6(bits[0], bits[1], observable, sink);
        }
    }

    private void matchIpv4(long address, String observable, HitSink sink) {
        int key = ipv4.find(address);
        if (key >= 0) {
            String text = AddressSyntax.ipv4Text(address);
            emit(ipv4.ids(), key, IndicatorType.IPV4, text, observable, text, sink);
        }
        int network = ipv4Networks.innermost(address);
        if (network >= 0) {
            String matched = AddressSyntax.ipv4Text(address);
            for (; network >= 0; network = ipv4Networks.parent(network)) {
                emit(ipv4Networks.ids(), network, IndicatorType.CIDR, ipv4Networks.text(network), observable, matched,
                        sink);
            }
        }
        if (ipv6NetworksHoldMapped) {
            network = ipv6Networks.innermost(0, 0xffff_0000_0000L | address);
            if (network >= 0) {
                String matched = AddressSyntax.ipv4Text(address);
                for (; network >= 0; network = ipv6Networks.parent(network)) {
                    emit(ipv6Networks.ids(), network, IndicatorType.CIDR, ipv6Networks.text(network), observable,
                            matched, sink);
                }
            }
        }
    }

    private void matchIpv6(long hi, long lo, String observable, HitSink sink) {
        int key = ipv6.find(hi, lo);
        if (key >= 0) {
            String text = ipv6.text(key);
            emit(ipv6.ids(), key, IndicatorType.IPV6, text, observable, text, sink);
        }
        int network = ipv6Networks.innermost(hi, lo);
        if (network >= 0) {
            String matched = AddressSyntax.ipv6Text(hi, lo);
            for (; network >= 0; network = ipv6Networks.parent(network)) {
                emit(ipv6Networks.ids(), network, IndicatorType.CIDR, ipv6Networks.text(network), observable, matched,
                        sink);
            }
        }
    }

    private void matchDigest(String s, int from, int length, HitSink sink) {
        DigestKeys digests = switch (length) {
            case 32 -> md5;
            case 40 -> sha1;
            default -> sha256;
        };
        int key = digests.find(s, from);
        if (key >= 0) {
            IndicatorType type = length == 32 ? IndicatorType.MD5 : length == 40 ? IndicatorType.SHA1
                    : IndicatorType.SHA256;
            String text = digests.text(key);
            emit(digests.ids(), key, type, text, s, text, sink);
        }
    }

    /**
     * Matches a host name against domain indicators: itself and each parent with at least two labels, found by
     * fingerprinting right to left. Non-ASCII names go through IDN first; anything that is no host name is ignored.
     */
    private void matchHost(CharSequence s, int from, int to, boolean nonAscii, String observable, HitSink sink) {
        if (domains.isEmpty()) {
            return;
        }
        if (to > from && s.charAt(to - 1) == '.') {
            to--;
        }
        if (nonAscii) {
            String ascii;
            try {
                ascii = IDN.toASCII(s.subSequence(from, to).toString());
            } catch (IllegalArgumentException e) {
                return;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (!IndicatorSyntax.isHostChar(ascii.charAt(i))) {
                    return;
                }
            }
            s = ascii;
            from = 0;
            to = ascii.length();
        }
        if (to - from < 3 || s.charAt(from) == '.') {
            return;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!IndicatorSyntax.isHostChar(c) || (c == '.' && s.charAt(i - 1) == '.')) {
                return; // not a host name, whatever its suffix looks like
            }
        }
        long state = NameKeys.start();
        boolean parent = false;
        for (int i = to - 1; i >= from; i--) {
            char c = NameKeys.fold(s.charAt(i));
            if (c == '.') {
                if (parent) {
                    matchDomain(s, i + 1, to, NameKeys.finish(state), from, observable, sink);
                }
                parent = true;
            }
            state = NameKeys.step(state, c);
        }
        if (parent) {
            matchDomain(s, from, to, NameKeys.finish(state), from, observable, sink);
        }
    }

    private void matchDomain(CharSequence s, int start, int end, long fingerprint, int hostStart, String observable,
                             HitSink sink) {
        int key = domains.find(fingerprint, s, start, end);
        if (key >= 0) {
            String matched = s.subSequence(hostStart, end).toString().toLowerCase(Locale.ROOT);
            emit(domains.ids(), key, IndicatorType.DOMAIN, domains.text(key), observable, matched, sink);
        }
    }

    private void matchEmail(String s, int from, int to, HitSink sink) {
        if (to - from > 7 && s.regionMatches(true, from, "mailto:", 0, 7)) {
            from += 7;
        }
        if (s.charAt(to - 1) == '>') {
            int open = s.lastIndexOf('<', to - 1);
            if (open >= from) {
                from = open + 1;
                to--;
            }
        }
        int at = s.lastIndexOf('@', to - 1);
        if (at <= from || at >= to - 1 || s.indexOf('@', from) != at || at - from > IndicatorSyntax.MAX_LOCAL_PART) {
            return;
        }
        boolean local = true;
        for (int i = from; i < at; i++) {
            local &= IndicatorSyntax.isLocalPartChar(s.charAt(i));
        }
        boolean asciiDomain = true;
        for (int i = at + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                asciiDomain = false;
            } else if (!IndicatorSyntax.isHostChar(c)) {
                return;
            }
        }
        if (local && !emails.isEmpty()) {
            CharSequence address = s;
            int start = from;
            int end = to;
            if (!asciiDomain) {
                String domain = IndicatorSyntax.domain(s.substring(at + 1, to), 1, false, "");
                if (domain != null) {
                    address = s.substring(from, at + 1) + domain;
                    start = 0;
                    end = address.length();
                }
            }
            int key = emails.find(address, start, end);
            if (key >= 0) {
                String text = emails.text(key);
                emit(emails.ids(), key, IndicatorType.EMAIL, text, s, text, sink);
            }
        }
        matchHost(s, at + 1, to, !asciiDomain, s, sink);
    }

    private void matchUrl(String observable, int from, int to, int separator, HitSink sink) {
        long canonicalHost = canonicalUrlHost(observable, from, to, separator);
        if (canonicalHost >= 0) {
            if (!urls.isEmpty()) {
                int key = urls.find(observable, from, to);
                if (key >= 0) {
                    emit(urls.ids(), key, IndicatorType.URL, urls.text(key), observable,
                            observable.substring(from, to), sink);
                }
            }
            matchHost(observable, (int) (canonicalHost >>> 32), (int) canonicalHost, false, observable, sink);
            return;
        }
        String text = from == 0 && to == observable.length() ? observable : observable.substring(from, to);
        int[] host = new int[2];
        String url = IndicatorSyntax.url(text, false, host);
        if (url == null) {
            return;
        }
        if (!urls.isEmpty()) {
            int key = urls.find(url, 0, url.length());
            if (key >= 0) {
                emit(urls.ids(), key, IndicatorType.URL, urls.text(key), observable, url, sink);
            }
        }
        if (url.charAt(host[0]) == '[') {
            matchIpv6Text(url, host[0] + 1, host[1] - 1, observable, sink);
            return;
        }
        long address = AddressSyntax.ipv4(url, host[0], host[1], false);
        if (address != AddressSyntax.NOT_IPV4) {
            matchIpv4(address, observable, sink);
        } else {
            matchHost(url, host[0], host[1], false, observable, sink);
        }
    }

    /**
     * Where the host lies if {@code s[from, to)} is already a canonical URL with a host name: lower-case scheme and
     * host, no user information, port, fragment or percent-escape, a path, printable ASCII. That is the common case,
     * and it is matched in place, with no copy; -1 sends the URL through the full normaliser instead.
     */
    private static long canonicalUrlHost(String s, int from, int to, int separator) {
        if (to - from > IndicatorSyntax.MAX_URL || s.charAt(from) < 'a' || s.charAt(from) > 'z') {
            return -1;
        }
        for (int i = from + 1; i < separator; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        int hostStart = separator + 3;
        int labelStart = hostStart;
        boolean labelDigits = true;
        int i = hostStart;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '/') {
                break;
            }
            if (c == '.') {
                if (!isCanonicalLabel(s, labelStart, i)) {
                    return -1;
                }
                labelStart = i + 1;
                labelDigits = true;
            } else if ((c >= 'a' && c <= 'z') || c == '_' || c == '-') {
                labelDigits = false;
            } else if (c < '0' || c > '9') {
                return -1; // upper case, a port, user information, '?' or '#' after the host, an IPv6 literal
            }
        }
        int hostEnd = i;
        // A last label of digits means an IPv4 address or no host name at all: the normaliser decides which.
        if (hostEnd == to || labelDigits || !isCanonicalLabel(s, labelStart, hostEnd)
                || hostEnd - hostStart > IndicatorSyntax.MAX_DOMAIN) {
            return -1;
        }
        for (i = hostEnd; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '#' || c == '%') {
                return -1;
            }
        }
        return (long) hostStart << 32 | hostEnd;
    }

    private static boolean isCanonicalLabel(String s, int start, int end) {
        return end > start && end - start <= IndicatorSyntax.MAX_LABEL && s.charAt(start) != '-'
                && s.charAt(end - 1) != '-';
    }

    private static void emit(IdRuns ids, int key, IndicatorType type, String indicatorValue, String observable,
                             String matched, HitSink sink) {
        for (int at = ids.start(key), end = ids.end(key); at < end; at++) {
            sink.hit(new IndicatorHit(ids.id(at), type, indicatorValue, observable, matched));
        }
    }

    /** How many indicators of each type the index holds (duplicates of one value counted each). */
    public Map<IndicatorType, Integer> counts() {
        return counts;
    }

    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The heap the index's arrays take, in bytes, from their lengths (object headers estimated). */
    public long heapBytes() {
        return ipv4.heapBytes() + ipv6.heapBytes() + ipv4Networks.heapBytes() + ipv6Networks.heapBytes()
                + domains.heapBytes() + urls.heapBytes() + emails.heapBytes() + md5.heapBytes() + sha1.heapBytes()
                + sha256.heapBytes();
    }

    /**
     * Collects indicators for one index; not thread-safe, and used once. Addresses, networks and hashes are decoded
     * into their primitive keys as they are added; names are kept as the indicators' own strings until built.
     */
    public static final class Builder {

        private final LongList ipv4 = new LongList();
        private final LongList ipv4Ids = new LongList();
        private final LongList ipv6 = new LongList();
        private final LongList ipv6Ids = new LongList();
        private final LongList ipv4Networks = new LongList();
        private final LongList ipv4NetworkIds = new LongList();
        private final LongList ipv6Networks = new LongList();
        private final LongList ipv6NetworkIds = new LongList();
        private final List<String> domains = new ArrayList<>();
        private final LongList domainIds = new LongList();
        private final List<String> urls = new ArrayList<>();
        private final LongList urlIds = new LongList();
        private final List<String> emails = new ArrayList<>();
        private final LongList emailIds = new LongList();
        private final LongList md5 = new LongList();
        private final LongList md5Ids = new LongList();
        private final LongList sha1 = new LongList();
        private final LongList sha1Ids = new LongList();
        private final LongList sha256 = new LongList();
        private final LongList sha256Ids = new LongList();
        private final Map<IndicatorType, Integer> counts = new EnumMap<>(IndicatorType.class);
        private boolean built;

        private Builder() {
        }

        public Builder add(Indicator indicator) {
            String value = indicator.value();
            long id = indicator.id();
            // Values are canonical (Indicator checked them), so decoding them cannot fail.
            switch (indicator.type()) {
                case IPV4 -> {
                    ipv4.add(AddressSyntax.ipv4(value, 0, value.length(), false));
                    ipv4Ids.add(id);
                }
                case IPV6 -> {
                    long[] bits = new long[2];
                    AddressSyntax.ipv6(value, 0, value.length(), bits);
                    ipv6.add(bits[0]);
                    ipv6.add(bits[1]);
                    ipv6Ids.add(id);
                }
                case CIDR -> {
                    int slash = value.indexOf('/');
                    int prefix = Integer.parseInt(value, slash + 1, value.length(), 10);
                    if (value.indexOf(':') < 0) {
                        ipv4Networks.add(AddressSyntax.ipv4(value, 0, slash, false) << 8 | prefix);
                        ipv4NetworkIds.add(id);
                    } else {
                        long[] bits = new long[2];
                        AddressSyntax.ipv6(value, 0, slash, bits);
                        ipv6Networks.add(bits[0]);
                        ipv6Networks.add(bits[1]);
                        ipv6Networks.add(prefix);
                        ipv6NetworkIds.add(id);
                    }
                }
                case DOMAIN -> {
                    domains.add(value);
                    domainIds.add(id);
                }
                case URL -> {
                    urls.add(value);
                    urlIds.add(id);
                }
                case EMAIL -> {
                    emails.add(value);
                    emailIds.add(id);
                }
                case MD5 -> {
                    DigestKeys.addWords(md5, value, 32);
                    md5Ids.add(id);
                }
                case SHA1 -> {
                    DigestKeys.addWords(sha1, value, 40);
                    sha1Ids.add(id);
                }
                case SHA256 -> {
                    DigestKeys.addWords(sha256, value, 64);
                    sha256Ids.add(id);
                }
            }
            counts.merge(indicator.type(), 1, Integer::sum);
            return this;
        }

        public Builder addAll(Iterable<Indicator> indicators) {
            for (Indicator indicator : indicators) {
                add(indicator);
            }
            return this;
        }

        public IndicatorIndex build() {
            if (built) {
                throw new IllegalStateException("this builder has already built its index");
            }
            built = true;
            return new IndicatorIndex(this);
        }
    }
}
