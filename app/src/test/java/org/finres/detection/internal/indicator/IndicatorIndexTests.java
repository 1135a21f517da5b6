package org.finres.detection.internal.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class IndicatorIndexTests {

    private static IndicatorIndex index(String... typeAndValue) {
        IndicatorIndex.Builder builder = IndicatorIndex.builder();
        for (int i = 0; i < typeAndValue.length; i += 2) {
            builder.add(Indicator.parse(typeAndValue[i], typeAndValue[i + 1], 100 + i / 2));
        }
        return builder.build();
    }

    private static List<Long> ids(IndicatorIndex index, String observable) {
        return index.match(observable).stream().map(IndicatorHit::indicatorId).sorted().toList();
    }

    @Test
    void ipv4MatchesEqualAddressOnly() {
        IndicatorIndex index = index("ipv4", "192.0.2.1");
        assertThat(index.match("192.0.2.1")).containsExactly(
                new IndicatorHit(100, IndicatorType.IPV4, "192.0.2.1", "192.0.2.1", "192.0.2.1"));
        assertThat(index.match("192.0.2.2")).isEmpty();
        assertThat(index.match(" 192.0.2.1\n")).hasSize(1);
        assertThat(index.match("192.000.002.001")).as("zero-padded as logs write it").hasSize(1);
        assertThat(index.match("192.0.2.1:443")).hasSize(1);
        assertThat(index.match("192.0.2.10")).isEmpty();
        assertThat(index.match("192.0.2.1.5")).isEmpty();
    }

    @Test
    void cidrMatchesEveryAddressInsideAndNoneOutside() {
        IndicatorIndex index = index("cidr", "198.51.100.0/24", "cidr", "198.51.0.0/16", "cidr", "10.0.0.0/8",
                "ipv4", "198.51.100.7");
        assertThat(ids(index, "198.51.100.0")).containsExactly(100L, 101L);
        assertThat(ids(index, "198.51.100.255")).containsExactly(100L, 101L);
        assertThat(ids(index, "198.51.100.7")).containsExactly(100L, 101L, 103L);
        assertThat(ids(index, "198.51.101.0")).containsExactly(101L);
        assertThat(ids(index, "198.51.255.255")).containsExactly(101L);
        assertThat(ids(index, "198.50.255.255")).isEmpty();
        assertThat(ids(index, "198.52.0.0")).isEmpty();
        assertThat(ids(index, "10.255.255.255")).containsExactly(102L);
        assertThat(ids(index, "11.0.0.0")).isEmpty();
        assertThat(ids(index, "9.255.255.255")).isEmpty();
        assertThat(index.match("198.51.100.9")).extracting(IndicatorHit::indicatorValue, IndicatorHit::matched)
                .containsExactlyInAnyOrder(tuple("198.51.100.0/24", "198.51.100.9"), tuple("198.51.0.0/16",
                        "198.51.100.9"));
    }

    @Test
    void cidrAtTheTopOfTheAddressSpaceUsesUnsignedOrder() {
        IndicatorIndex index = index("cidr", "255.255.255.0/24", "cidr", "128.0.0.0/8", "cidr", "127.0.0.0/8");
        assertThat(ids(index, "255.255.255.255")).containsExactly(100L);
        assertThat(ids(index, "128.0.0.1")).containsExactly(101L);
        assertThat(ids(index, "127.255.255.255")).containsExactly(102L);
        assertThat(ids(index, "126.255.255.255")).isEmpty();
    }

    @Test
    void ipv6MatchesWhateverTextFormTheObservableUses() {
        IndicatorIndex index = index("ipv6", "2001:db8::1", "cidr", "2001:db8:abcd::/48");
        assertThat(ids(index, "2001:db8::1")).containsExactly(100L);
        assertThat(ids(index, "2001:0DB8:0000:0000:0000:0000:0000:0001")).containsExactly(100L);
        assertThat(ids(index, "2001:db8:0::0:1")).containsExactly(100L);
        assertThat(ids(index, "[2001:db8::1]:443")).containsExactly(100L);
        assertThat(ids(index, "fe80::1%eth0")).isEmpty();
        assertThat(ids(index, "2001:db8::2")).isEmpty();
        assertThat(ids(index, "2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")).containsExactly(101L);
        assertThat(ids(index, "2001:db8:abcd::")).containsExactly(101L);
        assertThat(ids(index, "2001:db8:abce::")).isEmpty();
        assertThat(ids(index, "2001:db8:abcc:ffff::")).isEmpty();
        assertThat(index.match("2001:DB8::1")).extracting(IndicatorHit::matched).containsExactly("2001:db8::1");
    }

    @Test
    void ipv4MappedIpv6ObservablesMatchIpv4Indicators() {
        IndicatorIndex index = index("ipv4", "192.0.2.1", "cidr", "203.0.113.0/24");
        assertThat(ids(index, "::ffff:192.0.2.1")).containsExactly(100L);
        assertThat(ids(index, "::FFFF:c000:201")).containsExactly(100L);
        assertThat(ids(index, "[::ffff:203.0.113.9]:80")).containsExactly(101L);
        assertThat(ids(index, "::192.0.2.1")).as("IPv4-compatible is not mapped").isEmpty();
    }

    @Test
    void ipv6NetworksOverMappedSpaceAlsoHoldIpv4Observables() {
        IndicatorIndex index = index("cidr", "::/16");
        assertThat(ids(index, "192.0.2.1")).containsExactly(100L);
        assertThat(ids(index, "::1")).containsExactly(100L);
        assertThat(ids(index, "1::1")).isEmpty();
    }

    @Test
    void domainMatchesItselfAndEverySubdomainButNotLookalikes() {
        IndicatorIndex index = index("domain", "evil.example");
        assertThat(ids(index, "evil.example")).containsExactly(100L);
        assertThat(ids(index, "EVIL.Example.")).containsExactly(100L);
        assertThat(ids(index, "a.b.evil.example")).containsExactly(100L);
        assertThat(index.match("a.b.evil.example")).containsExactly(new IndicatorHit(100, IndicatorType.DOMAIN,
                "evil.example", "a.b.evil.example", "a.b.evil.example"));
        assertThat(ids(index, "notevil.example")).isEmpty();
        assertThat(ids(index, "evil.example.com")).isEmpty();
        assertThat(ids(index, "example")).isEmpty();
        assertThat(ids(index, "vil.example")).isEmpty();
        assertThat(ids(index, "a..evil.example")).isEmpty();
        assertThat(ids(index, "a b.evil.example")).isEmpty();
        assertThat(ids(index, "evil.example:8080")).containsExactly(100L);
        assertThat(ids(index, "www.evil.example/login.php")).containsExactly(100L);
    }

    @Test
    void everyMatchingParentDomainIsAHit() {
        IndicatorIndex index = index("domain", "evil.example", "domain", "c2.evil.example", "domain",
                "x.c2.evil.example");
        assertThat(index.match("a.c2.evil.example")).extracting(IndicatorHit::indicatorValue)
                .containsExactlyInAnyOrder("evil.example", "c2.evil.example");
    }

    @Test
    void internationalisedHostsMatchTheirPunycode() {
        IndicatorIndex index = index("domain", "bücher.example");
        assertThat(ids(index, "shop.BÜCHER.example")).containsExactly(100L);
        assertThat(ids(index, "shop.xn--bcher-kva.example")).containsExactly(100L);
        assertThat(ids(index, "https://bücher.example/x")).containsExactly(100L);
    }

    @Test
    void urlMatchesAfterNormalisationAndItsHostIsMatchedToo() {
        IndicatorIndex index = index("url", "http://evil.example/Login?User=A", "domain", "evil.example",
                "ipv4", "192.0.2.1", "cidr", "2001:db8::/32");
        assertThat(ids(index, "HTTP://Evil.Example:80/Login?User=A#top")).containsExactly(100L, 101L);
        assertThat(ids(index, "http://evil.example/login?User=A")).as("path keeps its case").containsExactly(101L);
        assertThat(ids(index, "https://cdn.evil.example/x")).containsExactly(101L);
        assertThat(ids(index, "http://192.0.2.1:8080/")).containsExactly(102L);
        assertThat(ids(index, "http://[2001:db8::5]/")).containsExactly(103L);
        assertThat(ids(index, "http://user@evil.example/Login?User=A")).containsExactly(100L, 101L);
        assertThat(ids(index, "http://notevil.example/Login?User=A")).isEmpty();
        assertThat(ids(index, "http://-x.evil.example/")).as("no host name, in place or normalised").isEmpty();
        assertThat(ids(index, "HTTP://-x.evil.example/")).isEmpty();
        assertThat(ids(index, "http://evil.example")).as("canonical only with a path").containsExactly(101L);
        assertThat(index.match("http://EVIL.example/Login?User=A")).extracting(IndicatorHit::type,
                IndicatorHit::matched).containsExactlyInAnyOrder(
                tuple(IndicatorType.URL, "http://evil.example/Login?User=A"),
                tuple(IndicatorType.DOMAIN, "evil.example"));
    }

    @Test
    void emailMatchesAddressAndItsDomain() {
        IndicatorIndex index = index("email", "ceo@phish.example", "domain", "phish.example");
        assertThat(ids(index, "CEO@Phish.Example")).containsExactly(100L, 101L);
        assertThat(ids(index, "mailto:ceo@phish.example")).containsExactly(100L, 101L);
        assertThat(ids(index, "The CEO <ceo@phish.example>")).containsExactly(100L, 101L);
        assertThat(ids(index, "cfo@phish.example")).containsExactly(101L);
        assertThat(ids(index, "ceo@notphish.example")).isEmpty();
        assertThat(ids(index, "ceo@mail.phish.example")).containsExactly(101L);
    }

    @Test
    void hashesMatchByValueInEitherCase() {
        String md5 = "d41d8cd98f00b204e9800998ecf8427e";
        String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        IndicatorIndex index = index("md5", md5, "sha1", sha1, "sha256", sha256);
        assertThat(index.match(md5.toUpperCase())).containsExactly(
                new IndicatorHit(100, IndicatorType.MD5, md5, md5.toUpperCase(), md5));
        assertThat(ids(index, sha1)).containsExactly(101L);
        assertThat(ids(index, sha256.toUpperCase())).containsExactly(102L);
        assertThat(ids(index, "d41d8cd98f00b204e9800998ecf8427f")).isEmpty();
        assertThat(ids(index, "da39a3ee5e6b4b0d3255bfef95601890afd80708")).isEmpty();
        assertThat(ids(index, sha256.substring(0, 63) + "4")).isEmpty();
    }

    @Test
    void hashesThatShareTheirFirst64BitsAreStillTold() {
        String a = "0000000000000000" + "1".repeat(16);
        String b = "0000000000000000" + "2".repeat(16);
        String c = "0000000000000001" + "1".repeat(16);
        IndicatorIndex index = index("md5", a, "md5", b, "md5", c);
        assertThat(ids(index, a)).containsExactly(100L);
        assertThat(ids(index, b)).containsExactly(101L);
        assertThat(ids(index, c)).containsExactly(102L);
        assertThat(ids(index, "0000000000000000" + "3".repeat(16))).isEmpty();
    }

    @Test
    void indicatorsSharingAValueEachHit() {
        IndicatorIndex index = IndicatorIndex.of(List.of(Indicator.parse("domain", "evil.example", 1),
                Indicator.parse("domain", "EVIL.example", 2), Indicator.parse("ipv4", "192.0.2.1", 3),
                Indicator.parse("ipv4", "192.0.2.1", 4), Indicator.parse("cidr", "10.0.0.0/8", 5),
                Indicator.parse("cidr", "10.0.0.0/8", 6), Indicator.parse("domain", "other.example", 7)));
        assertThat(ids(index, "x.evil.example")).containsExactly(1L, 2L);
        assertThat(ids(index, "192.0.2.1")).containsExactly(3L, 4L);
        assertThat(ids(index, "10.1.2.3")).containsExactly(5L, 6L);
        assertThat(ids(index, "other.example")).containsExactly(7L);
        assertThat(index.size()).isEqualTo(7);
        assertThat(index.counts()).containsEntry(IndicatorType.DOMAIN, 3).containsEntry(IndicatorType.CIDR, 2);
    }

    @Test
    void observablesOfNoKnownShapeHitNothing() {
        IndicatorIndex index = index("domain", "evil.example", "ipv4", "192.0.2.1", "md5",
                "d41d8cd98f00b204e9800998ecf8427e");
        for (String observable : new String[]{null, "", "   ", "hello world", "C:\\Windows\\evil.example",
                "192.0.2.1/24", "::::", "[192.0.2.1]", "@", "a@", "@evil.example", "http://", "://evil.example",
                "x".repeat(10_000)}) {
            assertThat(index.match(observable)).as(String.valueOf(observable)).isEmpty();
        }
    }

    @Test
    void emptyIndexMatchesNothing() {
        IndicatorIndex index = IndicatorIndex.empty();
        assertThat(index.match("192.0.2.1")).isEmpty();
        assertThat(index.match("http://evil.example/")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void builderBuildsOnce() {
        IndicatorIndex.Builder builder = IndicatorIndex.builder();
        builder.build();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentReadersSeeTheSameHits() throws Exception {
        IndicatorIndex.Builder builder = IndicatorIndex.builder();
        for (int i = 0; i < 10_000; i++) {
            builder.add(Indicator.parse("domain", "host" + i + ".evil.example", i));
        }
        IndicatorIndex index = builder.build();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int hits = 0;
                    for (int i = 0; i < 20_000; i++) {
                        hits += index.match("www.host" + i + ".evil.example").size();
                    }
                    return hits;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(10_000);
            }
        }
    }
}
